// Checks expected.mjs itself against small inputs whose figures were worked out
// by hand (the working is in the comments). Run:
//   node --test tests/data/exports/expected.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  parseCsv, decode, shopifyOrders, wjxNps, surveymonkeyNps, stripeSubscriptions, chargebeeSubscriptions, npsScore,
} from './expected.mjs';

const close = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

test('CSV reader and decoding quirks', () => {
  // quote not at the start of a field stays literal (Taobao ="…"); "" is one quote;
  // a quoted field may hold a line end; CRLF ends records; the last empty record is dropped
  assert.deepEqual(parseCsv('="1930679858170647051",a\r\n"x ""y""","l1\nl2"\r\n'),
    [['="1930679858170647051"', 'a'], ['x "y"', 'l1\nl2']]);
  // GB18030 four-byte sequence 95 34 B2 35 is U+20BB7 𠮷 (not in GBK); the UTF-8 BOM is dropped
  assert.equal(decode(new Uint8Array([0x95, 0x34, 0xb2, 0x35]), 'gb18030'), '𠮷');
  assert.equal(decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'utf-8'), 'A');
  assert.equal(npsScore('10 - Extremely likely'), 10);
  assert.equal(npsScore('9（非常愿意）'), 9);
  assert.equal(npsScore('(跳过)'), null);
});

test('orders: Shopify-shaped, worked by hand', () => {
  const text = [
    'Name,Email,Financial Status,Paid at,Created at,Subtotal,Refunded Amount,Lineitem name',
    '#1,a@x.com,paid,2024-01-05 10:00:00 +0800,2024-01-05 09:59:00 +0800,10.00,0.00,Tea',
    '#1,a@x.com,,,2024-01-05 09:59:00 +0800,,,Cup',
    '#2,b@x.com,paid,2024-01-20 10:00:00 +0800,2024-01-20 10:00:00 +0800,30.00,0.00,Tea',
    '#3,a@x.com,partially_refunded,2024-02-03 11:00:00 +0800,2024-02-03 11:00:00 +0800,20.00,5.00,Tea',
    '#4,c@x.com,paid,2024-02-10 12:00:00 +0800,2024-02-10 12:00:00 +0800,0.00,0.00,Gift',
    '#5,b@x.com,voided,,2024-02-11 12:00:00 +0800,99.00,0.00,Pot',
    '#5,b@x.com,,,2024-02-11 12:00:00 +0800,,,Lid',
    '#6,b@x.com,paid,2024-03-01 12:00:00 +0800,2024-03-01 12:00:00 +0800,40.00,0.00,Tea',
    '#7,a@x.com,refunded,2024-03-02 12:00:00 +0800,2024-03-02 12:00:00 +0800,25.00,27.00,Tea',
    '#8,c@x.com,partially_refunded,2024-03-05 12:00:00 +0800,2024-03-05 12:00:00 +0800,15.00,15.00,Tea',
  ].join('\n') + '\n';
  const f = shopifyOrders({ text });
  // 10 data rows. #5 (voided, 2 rows) and #7 (refunded, 1 row) are excluded: 3 rows, 2 orders.
  // #8 refunds its whole subtotal (15 − 15 = 0): fully refunded, not a purchase.
  // Purchases: #1 a Jan 10, #2 b Jan 30, #3 a Feb 20−5 = 15, #4 c Feb 0 (a $0 order counts), #6 b Mar 40
  // -> 5 orders, 3 customers, revenue 10+30+15+0+40 = 95.00, AOV 95/5 = 19.00
  assert.equal(f.rowsRead, 10);
  assert.equal(f.rowsExcludedByStatus, 3);
  assert.equal(f.ordersExcludedByStatus, 2);
  assert.equal(f.fullyRefundedOrders, 1);
  assert.equal(f.orders, 5);
  assert.equal(f.customers, 3);
  assert.equal(f.netRevenueCents, 9500);
  close(f.aov, 19);
  // Jan {a,b}; Feb {a,c}: S=2 E=2 N=1(c) R=0 -> CRR (2−1−0)/2 = 0.5
  // Mar {b}: S=2 E=1 N=0 R=1 (b: active in Jan, not Feb, not new) -> (1−0−1)/2 = 0
  assert.deepEqual(f.months.map((m) => [m.month, m.active, m.new, m.reactivated, m.crr]),
    [['2024-01', 2, 2, 0, null], ['2024-02', 2, 1, 0, 0.5], ['2024-03', 1, 0, 1, 0]]);
});

test('NPS: 问卷星 labels and SurveyMonkey second header row, worked by hand', () => {
  const wjx = [
    '序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、推荐的可能性？,2、原因',
    '1,2024/6/3 9:01:02,30秒,微信,直接访问,1.1.1.1,10分,好',
    '2,2024/6/9 10:11:12,30秒,微信,直接访问,1.1.1.1,9（非常愿意）,',
    '3,2024/6/19 10:11:12,30秒,微信,直接访问,1.1.1.1,0（非常不愿意）,',
    '4,2024/7/1 10:11:12,30秒,微信,直接访问,1.1.1.1,(跳过),',
    '5,2024/7/2 10:11:12,30秒,微信,直接访问,1.1.1.1,7,',
    '6,2024/7/3 10:11:12,30秒,微信,直接访问,1.1.1.1,6,',
    '7,2024/7/4 10:11:12,30秒,微信,直接访问,1.1.1.1,,',
  ].join('\r\n') + '\r\n';
  const w = wjxNps({ text: wjx });
  // scores 10, 9, 0, 7, 6 (5 answered) and 2 skipped ("(跳过)", blank)
  // promoters 2 (10, 9), passives 1 (7), detractors 2 (0, 6) -> NPS (2−2)/5 = 0
  // June: 10, 9, 0 -> (2−1)/3 = 33.33…; July: 7, 6 answered -> (0−1)/2 = −50
  assert.deepEqual([w.rowsRead, w.answered, w.skipped, w.promoters, w.passives, w.detractors], [7, 5, 2, 2, 1, 2]);
  close(w.nps, 0);
  close(w.months[0].nps, 100 / 3);
  close(w.months[1].nps, -50);

  const sm = [
    '"Respondent ID","Collector ID","Start Date","End Date","How likely is it that you would recommend Acme to a friend or colleague?"',
    '"","","","","Response"',
    '"1","9","08/14/2024 06:50:00 PM","08/14/2024 06:55:27 PM","10 - Extremely likely"',
    '"2","9","08/31/2024 11:50:00 PM","09/01/2024 12:05:00 AM","0 - Not at all likely"',
  ].join('\r\n') + '\r\n';
  const s = surveymonkeyNps({ text: sm });
  // the "Response" row is a header row: 2 respondents; Aug (by End Date) one 10 -> +100,
  // Sep one 0 -> −100; overall (1−1)/2 = 0
  assert.equal(s.rowsRead, 2);
  assert.deepEqual(s.months.map((m) => [m.month, m.nps]), [['2024-08', 100], ['2024-09', -100]]);
  close(s.nps, 0);
});

test('MRR: Stripe-shaped and Chargebee cents, worked by hand', () => {
  const stripe = [
    'id,Customer ID,Currency,Interval,Amount,Quantity,Status,Start Date (UTC),Trial End (UTC),Ended At (UTC)',
    'sub_A,cus_1,usd,month,79.00,1,canceled,2024-01-10 09:30,,2024-04-12 10:00',
    'sub_B,cus_1,usd,year,290.00,1,active,2024-04-12 10:05,,',
    'sub_C,cus_2,usd,month,15.00,3,active,2024-01-20 08:00,2024-02-15 08:00,',
    'sub_D,cus_3,usd,week,7.00,1,trialing,2024-03-25 08:00,2024-07-01 08:00,',
    'sub_E,cus_4,usd,month,29.00,1,past_due,2024-03-05 08:00,,',
  ].join('\n') + '\n';
  const m = stripeSubscriptions({ text: stripe }).months;
  // Jan 31: A 79 (C still in trial)                      = 79      1 paying customer
  // Feb 29: A 79 + C 15×3 = 45                           = 124     2
  // Mar 31: 79 + 45 + E 29 (past_due counts; D trialing) = 153     3
  // Apr 30: A ended Apr 12, B 290/12 = 24.1666… + 45 + 29 = 98.1666… 3, and cus_1's
  //         plan change (79 monthly -> 290 yearly, 5 minutes apart) is neither new nor churn
  close(m[0].mrr, 79); close(m[1].mrr, 124); close(m[2].mrr, 153); close(m[3].mrr, 290 / 12 + 74);
  assert.deepEqual(m.slice(0, 4).map((x) => x.payingCustomers), [1, 2, 3, 3]);
  assert.deepEqual([m[3].newPaying, m[3].churnedPaying], [0, 0]);

  const cb = [
    'customer[id],subscription[id],subscription[plan_quantity],subscription[plan_unit_price],subscription[currency_code],'
      + 'subscription[billing_period],subscription[billing_period_unit],subscription[status],subscription[started_at],'
      + 'subscription[trial_end],subscription[cancelled_at]',
    'c1,s1,1,12000,USD,3,month,active,2024-01-15 09:00:00,,',
    'c2,s2,1,1500,USD,2,week,active,2024-01-20 09:00:00,,',
    'c3,s3,1,4900,USD,1,month,in_trial,2024-01-20 09:00:00,2024-07-20 09:00:00,',
  ].join('\n') + '\n';
  const c = chargebeeSubscriptions({ text: cb }).months[0];
  // 12000 cents every 3 months = 120.00/3 = 40.00; 1500 cents every 2 weeks = 15 × (365.25/7/12) / 2
  // = 15 × 4.348214… / 2 = 32.6116…; in_trial does not pay -> Jan MRR 72.6116…, 2 paying customers
  close(c.mrr, 40 + (15 * 365.25) / 7 / 12 / 2);
  close(c.mrr, 72.6116071428, 1e-9);
  assert.equal(c.payingCustomers, 2);
});

test('Stripe: Cancel At Period End pays until the current period ends; coupons are counted, worked by hand', () => {
  const stripe = [
    'id,Customer ID,Currency,Interval,Amount,Quantity,Status,Start Date (UTC),Current Period End (UTC),Trial End (UTC),Cancel At Period End,Coupon,Ended At (UTC)',
    'sub_A,cus_1,usd,month,50.00,1,active,2024-05-30 20:00,2024-06-30 20:00,,true,,',
    'sub_B,cus_2,usd,month,10.00,2,active,2024-06-01 10:00,2024-07-01 10:00,,false,WELCOME,',
    'sub_C,cus_3,usd,month,10.00,1,trialing,2024-06-20 10:00,2024-07-20 10:00,2024-07-20 10:00,false,WELCOME,',
  ].join('\n') + '\n';
  const s = stripeSubscriptions({ text: stripe });
  const [may, june] = s.months.slice(4);
  // May 31: A pays 50 (1 customer). Jun 30 23:59:59: A's period ended at 20:00; B pays 10 × 2.
  close(may.mrr, 50); close(june.mrr, 20);
  assert.deepEqual([may.payingCustomers, june.payingCustomers, june.newPaying, june.churnedPaying], [1, 1, 1, 1]);
  assert.equal(s.couponRows, 1, 'B has a coupon; C is trialing, not counted');
});
