-- SPDX-License-Identifier: MIT
-- Copyright (c) 2026 Retention Calculator contributors
--
-- The per-customer summary (the standard input of BG/NBD, Pareto/NBD and Gamma-Gamma) from an
-- order log, computed in the warehouse: the file the Retention Calculator reads as a "customer
-- summaries" file, with the same numbers rc.analyze computes from the orders themselves.
--
-- Input:  orders(customer_id, order_date DATE, amount) - any other columns are ignored.
-- Output: customer_id, frequency, recency, T, monetary_value; one row per customer whose first
--         order is on or before the calibration end.
--   frequency       x: distinct order days after the first one, up to the calibration end
--                   (orders on the same day count once).
--   recency         t_x: first order day to last order day, in weeks (days / 7).
--   T               first order day to the calibration end, in weeks.
--   monetary_value  mean of the repeat days' spend (each day's amounts summed), 0 when x = 0.
-- Rows that are no purchases for the page are left out the same way: a missing customer id or
-- date or a missing amount (rejected there), a negative amount (a refund there: revenue off, no
-- purchase).
--
-- Parameter: the calibration end, written here as psql's :'calibration_end' (run with
-- `psql -v calibration_end=1997-09-30 --csv -f sql/customer_summary.sql > summary.csv`).
-- Elsewhere write the date literal, DATE '1997-09-30', or the engine's parameter:
-- BigQuery @calibration_end, Snowflake $calibration_end (SET calibration_end = '1997-09-30'),
-- DuckDB getvariable('calibration_end').
--
-- Portability: standard SQL (CTEs, a window function, CASE, NULLIF, COALESCE) except for one
-- expression, the number of days between two dates, spelled `a - b` here:
--   PostgreSQL, Snowflake, DuckDB, Oracle (DATE)   a - b
--   BigQuery                                       DATE_DIFF(a, b, DAY)
--   Snowflake (also), SQL Server, Redshift         DATEDIFF(day, b, a)
--   MySQL, MariaDB                                 DATEDIFF(a, b)
-- On BigQuery also write FLOAT64 for DOUBLE PRECISION.
WITH params AS (
  SELECT CAST(:'calibration_end' AS DATE) AS calibration_end
),
-- One row per customer and order day: same-day orders count as one purchase.
purchase_days AS (
  SELECT o.customer_id, o.order_date, SUM(o.amount) AS spend
  FROM orders o
  CROSS JOIN params p
  WHERE o.customer_id IS NOT NULL
    AND o.order_date IS NOT NULL
    AND o.amount >= 0
    AND o.order_date <= p.calibration_end
  GROUP BY o.customer_id, o.order_date
),
-- The first day is the acquisition, not a repeat purchase: mark it once per customer.
numbered AS (
  SELECT customer_id, order_date, spend,
         ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date) AS day_number
  FROM purchase_days
),
per_customer AS (
  SELECT customer_id,
         COUNT(*) - 1 AS frequency,
         MIN(order_date) AS first_day,
         MAX(order_date) AS last_day,
         SUM(CASE WHEN day_number > 1 THEN spend END) AS repeat_spend
  FROM numbered
  GROUP BY customer_id
)
SELECT c.customer_id,
       c.frequency,
       CAST(c.last_day - c.first_day AS DOUBLE PRECISION) / 7 AS recency,
       CAST(p.calibration_end - c.first_day AS DOUBLE PRECISION) / 7 AS T,
       COALESCE(CAST(c.repeat_spend AS DOUBLE PRECISION) / NULLIF(c.frequency, 0), 0) AS monetary_value
FROM per_customer c
CROSS JOIN params p
ORDER BY c.customer_id;
