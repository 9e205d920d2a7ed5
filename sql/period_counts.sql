-- SPDX-License-Identifier: MIT
-- Copyright (c) 2026 Retention Calculator contributors
--
-- Monthly customer counts from an order log, computed in the warehouse: the file the Retention
-- Calculator reads as a "period counts" file, with the same numbers rc.analyze computes from the
-- orders themselves (period 'month', the given activity window).
--
-- Input:  orders(customer_id, order_date DATE, amount) - any other columns are ignored.
-- Output: one row per month from the first order to the last, months without orders included:
--   period     'YYYY-MM'
--   start      S: customers active in the previous month (0 for the first month)
--   acquired   N: customers whose first order ever is in this month
--   end        customers at the end of the month counted as the CRR formula wants them: retained
--              from the start plus acquired, i.e. active minus returning. The page computes
--              CRR = (end - acquired) / start from it, which is (E - N - R) / S.
--   returning  R: active now, not active in the previous month, not new (back after a gap)
--   active     E: customers active in this month (= end + returning)
-- A customer is active in a month when they ordered in the activity window of months ending with
-- it (1: that month alone; 12 for shops whose customers buy once or twice a year).
-- The work is a few grouped scans: customer-months x window rows at most, nothing quadratic.
-- Rows that are no purchases for the page are left out the same way: a missing customer id or
-- date or a missing amount (rejected there), a negative amount (a refund there: revenue off, no
-- purchase).
--
-- Parameter: the activity window, written here as psql's :activity_window (run with
-- `psql -v activity_window=1 --csv -f sql/period_counts.sql > periods.csv`). Elsewhere write the
-- number, or BigQuery @activity_window, Snowflake $activity_window.
--
-- Portability: standard SQL (recursive CTE, window function, EXTRACT, LPAD, CONCAT) except for
-- the type name of the label's casts, VARCHAR here (BigQuery: STRING), and WITH RECURSIVE, which
-- SQL Server and Oracle spell WITH. Months are numbered year * 12 + month - 1, so month
-- arithmetic is integer arithmetic and needs no engine's date functions. `start` and `end` are
-- reserved words, hence quoted; BigQuery quotes with backticks: `start`, `end`.
WITH RECURSIVE params AS (
  SELECT CAST(:activity_window AS INTEGER) AS activity_window
),
-- One row per customer and month with at least one valid order.
customer_months AS (
  SELECT DISTINCT customer_id,
         CAST(EXTRACT(YEAR FROM order_date) * 12 + EXTRACT(MONTH FROM order_date) - 1 AS INTEGER) AS month_number
  FROM orders
  WHERE customer_id IS NOT NULL
    AND order_date IS NOT NULL
    AND amount >= 0
),
first_months AS (
  SELECT customer_id, MIN(month_number) AS first_month
  FROM customer_months
  GROUP BY customer_id
),
-- Every month from the first order to the last, so a month without orders still counts.
months (month_number, last_month) AS (
  SELECT MIN(month_number), MAX(month_number) FROM customer_months
  UNION ALL
  SELECT month_number + 1, last_month FROM months WHERE month_number < last_month
),
-- 0 .. window - 1: an order in month m makes its customer active in months m .. m + window - 1.
offsets (k) AS (
  SELECT 0
  UNION ALL
  SELECT o.k + 1 FROM offsets o CROSS JOIN params p WHERE o.k + 1 < p.activity_window
),
-- Customer-months of activity, from an equality join with a table of `window` rows: the size is
-- at most customer-months x window, and no engine has to plan a range join.
active AS (
  SELECT DISTINCT cm.customer_id, cm.month_number + o.k AS month_number
  FROM customer_months cm
  CROSS JOIN offsets o
  WHERE cm.month_number + o.k <= (SELECT MAX(month_number) FROM customer_months)
),
-- Each active customer-month, with whether the customer was active the month before and whether
-- this is their first month.
flagged AS (
  SELECT a.month_number,
         CASE WHEN prev.customer_id IS NOT NULL THEN 1 ELSE 0 END AS was_active,
         CASE WHEN f.first_month = a.month_number THEN 1 ELSE 0 END AS is_new
  FROM active a
  JOIN first_months f ON f.customer_id = a.customer_id
  LEFT JOIN active prev
    ON prev.customer_id = a.customer_id
   AND prev.month_number = a.month_number - 1
),
counts AS (
  SELECT m.month_number,
         COUNT(fl.month_number) AS active,
         COALESCE(SUM(fl.is_new), 0) AS acquired,
         COALESCE(SUM(fl.was_active), 0) AS retained
  FROM months m
  LEFT JOIN flagged fl ON fl.month_number = m.month_number
  GROUP BY m.month_number
)
SELECT CONCAT(CAST(CAST(FLOOR(month_number / 12.0) AS INTEGER) AS VARCHAR(4)), '-',
              LPAD(CAST(month_number - 12 * CAST(FLOOR(month_number / 12.0) AS INTEGER) + 1 AS VARCHAR(2)), 2, '0'))
         AS period,
       COALESCE(LAG(active) OVER (ORDER BY month_number), 0) AS "start",
       acquired,
       retained + acquired AS "end",
       active - retained - acquired AS returning,
       active
FROM counts
ORDER BY month_number;
