// Checks expected.mjs itself against small inputs whose figures were worked out
// by hand (the working is in the comments). Run:
//   node --test tests/data/exports/expected.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  parseCsv, decode, shopifyOrders, wjxNps, surveymonkeyNps, stripeSubscriptions, chargebeeSubscriptions, npsScore,
  serviceMonths, dayOf, stripeInvoiceLines, chargebeeInvoices, paddleTransactions,
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

// [month, mrrEnd, customersEnd, new, expansion, contraction, churned, reactivation] and the counts
const row = (m) => [m.month, m.mrrEnd, m.customersEnd, m.newMrr, m.expansionMrr, m.contractionMrr, m.churnedMrr,
  m.reactivationMrr];
const counts = (m) => [m.newCustomers, m.expansionCustomers, m.contractionCustomers, m.churnedCustomers,
  m.reactivatedCustomers];
const closeRows = (actual, expected) => {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => {
    assert.equal(a[0], expected[i][0]);
    assert.equal(a[2], expected[i][2], `${a[0]} customers`);
    for (const k of [1, 3, 4, 5, 6, 7]) close(a[k], expected[i][k]);
  });
};

test('invoices: service months of a line, worked by hand', () => {
  const m = (a, b) => serviceMonths(dayOf(a), dayOf(b));
  assert.equal(m('2024-01-31', '2024-02-29'), 1); // 31 Jan + 1 month = 29 Feb (clamped)
  assert.equal(m('2024-01-31 10:00:00', '2024-03-01 10:00:00'), 1); // lands on 29 Feb, 1 day from 1 Mar
  assert.equal(m('2024-02-29', '2024-03-31'), 1); // 29 Mar, 2 days from 31 Mar
  assert.equal(m('2024-01-10', '2025-01-10'), 12);
  assert.equal(m('2024-01-01T00:00:00Z', '2024-04-01T00:00:00Z'), 3);
  close(m('2024-01-16', '2024-01-30'), 14 / 30.4375); // a 14-day trial: no whole month within 3 days
  close(m('2024-01-25', '2024-02-10'), 16 / 30.4375); // a proration: 16 days
});

test('invoices: an upgrade with prorations, a one-off and a draft (Stripe-shaped), worked by hand', () => {
  const text = [
    'Invoice ID,Invoice Date (UTC),Status,Customer ID,Subscription,Type,Proration,Amount,Discount Amount,Currency,Period Start (UTC),Period End (UTC)',
    'in_1,2024-01-10 09:00:00,paid,cus_A,sub_A,subscription,false,30.00,0.00,usd,2024-01-10 09:00:00,2024-02-10 09:00:00',
    'in_2,2024-01-25 12:00:00,paid,cus_A,sub_A,invoiceitem,true,-16.00,0.00,usd,2024-01-25 12:00:00,2024-02-10 09:00:00',
    'in_2,2024-01-25 12:00:00,paid,cus_A,sub_A,invoiceitem,true,48.00,0.00,usd,2024-01-25 12:00:00,2024-02-10 09:00:00',
    'in_3,2024-02-10 09:00:00,paid,cus_A,sub_A,subscription,false,90.00,0.00,usd,2024-02-10 09:00:00,2024-03-10 09:00:00',
    'in_4,2024-02-15 10:00:00,paid,cus_A,,invoiceitem,false,200.00,0.00,usd,2024-02-15 10:00:00,2024-02-15 10:00:00',
    'in_5,2024-02-20 08:00:00,paid,cus_C,sub_C,subscription,false,10.00,0.00,usd,2024-02-20 08:00:00,2024-03-20 08:00:00',
    'in_6,2024-03-01 00:00:00,draft,cus_B,sub_B,subscription,false,50.00,0.00,usd,2024-03-01 00:00:00,2024-04-01 00:00:00',
  ].join('\n') + '\n';
  const f = stripeInvoiceLines({ text });
  // 7 rows: in_6 a draft (status), in_4 an invoiceitem that is no proration (one-off); 5 used.
  assert.deepEqual([f.rowsRead, f.used, f.excludedBy, f.rejected], [7, 5, { status: 1, currency: 0, oneOff: 1 }, 0]);
  // as of = the last invoice date of a used row: 20 Feb (in_4 and in_6 are not used). Months Jan, Feb.
  assert.equal(f.asOf, '2024-02-20');
  // in_1: [10 Jan, 10 Feb) = 1 month -> 30. The prorations bill [25 Jan, 10 Feb): 16 days = 16/30.4375
  // months -> credit -16 × 30.4375/16 = -30.4375, charge 48 × 30.4375/16 = 91.3125.
  // 31 Jan: 30 − 30.4375 + 91.3125 = 90.875 (new). 20 Feb: in_3 [10 Feb, 10 Mar) 90 -> contraction
  // 0.875; cus_C 10 new. End of Feb: 100, 2 customers.
  closeRows(f.months.map(row), [['2024-01', 90.875, 1, 90.875, 0, 0, 0, 0], ['2024-02', 100, 2, 10, 0, 0.875, 0, 0]]);
  assert.deepEqual(f.months.map(counts), [[1, 0, 0, 0, 0], [1, 0, 1, 0, 0]]);
  assert.equal(f.months[1].measuredOn, '2024-02-20');
  // rates of Feb: NRR (90.875 − 0.875) / 90.875; quick ratio 10 / 0.875; ARPA 100 / 2
  close(f.months[1].nrr, 90 / 90.875); close(f.months[1].quickRatio, 10 / 0.875); close(f.months[1].arpa, 50);
  assert.equal(f.months[0].nrr, null);
});

test('invoices: a return after a gap, an annual plan, a discount and a one-off type (Chargebee-shaped), worked by hand', () => {
  const text = [
    'invoice[id],invoice[customer_id],invoice[subscription_id],invoice[status],invoice[date],invoice[currency_code],line_item[date_from],line_item[date_to],line_item[entity_type],line_item[amount],line_item[discount_amount]',
    '1,c1,s1,paid,2024-01-31 08:00:00,USD,2024-01-31 08:00:00,2024-02-29 08:00:00,plan_item_price,100.00,0.00',
    '2,c1,s1,paid,2024-02-29 08:00:00,USD,2024-02-29 08:00:00,2024-03-31 08:00:00,plan_item_price,100.00,20.00',
    '3,c2,s3,paid,2024-03-10 08:00:00,USD,2024-03-10 08:00:00,2025-03-10 08:00:00,plan_item_price,1200.00,0.00',
    '4,c2,s3,voided,2024-04-10 08:00:00,USD,2024-04-10 08:00:00,2024-05-10 08:00:00,plan_item_price,999.00,0.00',
    '5,c1,s2,paid,2024-05-15 08:00:00,USD,2024-05-15 08:00:00,2024-06-15 08:00:00,plan_item_price,100.00,0.00',
    '5,c1,s2,paid,2024-05-15 08:00:00,USD,2024-05-15 08:00:00,2024-06-15 08:00:00,plan_setup,50.00,0.00',
    '6,c3,s4,paid,2024-06-05 08:00:00,USD,2024-06-05 08:00:00,2024-07-05 08:00:00,plan_item_price,40.00,0.00',
  ].join('\n') + '\n';
  const f = chargebeeInvoices({ text });
  // 7 rows: 4 voided (status), the plan_setup line (one-off by its type, though it has a period); 5 used
  assert.deepEqual([f.rowsRead, f.used, f.excludedBy], [7, 5, { status: 1, currency: 0, oneOff: 1 }]);
  // c1: [31 Jan, 29 Feb) = 1 month (31 Jan + 1 = 29 Feb) -> 100; [29 Feb, 31 Mar): 29 Mar is 2 days
  //     from 31 Mar -> 1 month, (100 − 20) = 80; nothing on 31 Mar (the line ends that day);
  //     [15 May, 15 Jun) 100 -> back after a gap: reactivation in May.
  // c2: [10 Mar 2024, 10 Mar 2025) = 12 months -> 1200 / 12 = 100, new in March.
  // c3: [5 Jun, 5 Jul) 40, new in June; June is measured on 5 Jun (the last invoice date).
  closeRows(f.months.map(row), [
    ['2024-01', 100, 1, 100, 0, 0, 0, 0],
    ['2024-02', 80, 1, 0, 0, 20, 0, 0],
    ['2024-03', 100, 1, 100, 0, 0, 80, 0],
    ['2024-04', 100, 1, 0, 0, 0, 0, 0],
    ['2024-05', 200, 2, 0, 0, 0, 0, 100],
    ['2024-06', 240, 3, 40, 0, 0, 0, 0],
  ]);
  assert.deepEqual(f.months.map(counts), [[1, 0, 0, 0, 0], [0, 0, 1, 0, 0], [1, 0, 0, 1, 0], [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 1], [1, 0, 0, 0, 0]]);
  // March: 1 customer at the start, 1 churned -> customer churn 1; NRR (80 − 80) / 80 = 0; GRR 0;
  // quick ratio 100 / 80. February: NRR = GRR = 0.8, quick ratio 0. May: no loss -> quick ratio null.
  const [, feb, mar, , may] = f.months;
  close(mar.customerChurn, 1); close(mar.nrr, 0); close(mar.grr, 0); close(mar.quickRatio, 1.25);
  close(feb.nrr, 0.8); close(feb.grr, 0.8); close(feb.quickRatio, 0);
  assert.equal(may.quickRatio, null);
  assert.equal(f.months[5].measuredOn, '2024-06-05');
});

test('invoices: an unpaid first invoice, a customer who never pays, a trial and 100% off (Paddle-shaped), worked by hand', () => {
  const text = [
    'id,status,customer_id,subscription_id,currency_code,billed_at,billing_period.starts_at,billing_period.ends_at,details.line_items.totals.subtotal,details.line_items.totals.discount',
    't1,past_due,ctm_1,sub_1,USD,2024-01-05T10:00:00Z,2024-01-05T10:00:00Z,2024-02-05T10:00:00Z,30.00,0.00',
    't2,past_due,ctm_2,sub_2,USD,2024-01-08T10:00:00Z,2024-01-08T10:00:00Z,2024-02-08T10:00:00Z,50.00,0.00',
    't3,completed,ctm_2,sub_2,USD,2024-02-08T10:00:00Z,2024-02-08T10:00:00Z,2024-03-08T10:00:00Z,50.00,0.00',
    't4,billed,ctm_2,sub_2,USD,2024-03-08T10:00:00Z,2024-03-08T10:00:00Z,2024-04-08T10:00:00Z,50.00,0.00',
    't5,completed,ctm_3,,USD,2024-02-20T10:00:00Z,,,15.00,0.00',
    't6,completed,ctm_3,sub_3,USD,2024-01-20T10:00:00Z,2024-01-20T10:00:00Z,2024-02-03T10:00:00Z,0.00,0.00',
    't7,completed,ctm_3,sub_3,USD,2024-02-03T10:00:00Z,2024-02-03T10:00:00Z,2024-03-03T10:00:00Z,20.00,20.00',
    't8,canceled,ctm_4,sub_4,USD,2024-03-09T10:00:00Z,2024-03-09T10:00:00Z,2024-04-09T10:00:00Z,70.00,0.00',
  ].join('\n') + '\n';
  const f = paddleTransactions({ text });
  // t8 canceled (status); t5 has no subscription in a file without a line type: a one-off (its
  // empty period is never read). 6 used, t1 among them: the months start in January.
  assert.deepEqual([f.rowsRead, f.used, f.excludedBy, f.rejected], [8, 6, { status: 1, currency: 0, oneOff: 1 }, 0]);
  assert.equal(f.asOf, '2024-03-08');
  // ctm_1 never pays: t1 bills nothing. ctm_2 first pays on 8 Feb: t2 (unpaid, 8 Jan, before it)
  // bills nothing; t3 bills 50 from 8 Feb; t4 (billed, unpaid, after a payment) bills 50 from 8 Mar.
  // ctm_3: a 0.00 trial and a 100% discount: MRR 0, never in the series.
  closeRows(f.months.map(row), [['2024-01', 0, 0, 0, 0, 0, 0, 0], ['2024-02', 50, 1, 50, 0, 0, 0, 0],
    ['2024-03', 50, 1, 0, 0, 0, 0, 0]]);
  assert.equal(f.customers, 1);
});

test('invoices: churn after N days past due (Stripe-shaped), worked by hand', () => {
  const text = [
    'Invoice ID,Invoice Date (UTC),Status,Customer ID,Subscription,Type,Proration,Amount,Discount Amount,Currency,Period Start (UTC),Period End (UTC)',
    'in_1,2024-01-03 10:00:00,paid,cus_X,sub_X,subscription,false,40.00,0.00,usd,2024-01-03 10:00:00,2024-02-03 10:00:00',
    'in_2,2024-02-03 10:00:00,open,cus_X,sub_X,subscription,false,40.00,0.00,usd,2024-02-03 10:00:00,2024-03-03 10:00:00',
    'in_3,2024-03-03 10:00:00,open,cus_X,sub_X,subscription,false,40.00,0.00,usd,2024-03-03 10:00:00,2024-04-03 10:00:00',
    'in_4,2024-04-03 10:00:00,paid,cus_X,sub_X,subscription,false,40.00,0.00,usd,2024-04-03 10:00:00,2024-05-03 10:00:00',
    'in_5,2024-05-03 10:00:00,paid,cus_X,sub_X,subscription,false,40.00,0.00,usd,2024-05-03 10:00:00,2024-06-03 10:00:00',
    'in_6,2024-05-20 10:00:00,paid,cus_Y,sub_Y,subscription,false,10.00,0.00,usd,2024-05-20 10:00:00,2024-06-20 10:00:00',
  ].join('\n') + '\n';
  // Without the option the unpaid renewals bill: cus_X pays 40 at every month end; May is
  // measured on 20 May, cus_Y new.
  closeRows(stripeInvoiceLines({ text }).months.map(row), [
    ['2024-01', 40, 1, 40, 0, 0, 0, 0], ['2024-02', 40, 1, 0, 0, 0, 0, 0], ['2024-03', 40, 1, 0, 0, 0, 0, 0],
    ['2024-04', 40, 1, 0, 0, 0, 0, 0], ['2024-05', 50, 2, 10, 0, 0, 0, 0]]);
  // 20 days: the clock starts at in_2 (3 Feb): in_2 ends 3 Feb + 20 = 23 Feb; in_3 would end then
  // too, before its start: it bills nothing. in_4 is paid: the clock stops. cus_X churns in
  // February (40) and comes back in April (reactivation).
  closeRows(stripeInvoiceLines({ text }, { churnAfterDaysPastDue: 20 }).months.map(row), [
    ['2024-01', 40, 1, 40, 0, 0, 0, 0], ['2024-02', 0, 0, 0, 0, 0, 40, 0], ['2024-03', 0, 0, 0, 0, 0, 0, 0],
    ['2024-04', 40, 1, 0, 0, 0, 0, 40], ['2024-05', 50, 2, 10, 0, 0, 0, 0]]);
  // 40 days: both end on 3 Feb + 40 = 14 Mar (2024 is a leap year): paying on 29 Feb, not on 31 Mar.
  closeRows(stripeInvoiceLines({ text }, { churnAfterDaysPastDue: 40 }).months.map(row), [
    ['2024-01', 40, 1, 40, 0, 0, 0, 0], ['2024-02', 40, 1, 0, 0, 0, 0, 0], ['2024-03', 0, 0, 0, 0, 0, 40, 0],
    ['2024-04', 40, 1, 0, 0, 0, 0, 40], ['2024-05', 50, 2, 10, 0, 0, 0, 0]]);
});

test('invoices: the first currency is analysed, others set apart; the option picks one, worked by hand', () => {
  const text = [
    'Invoice ID,Invoice Date (UTC),Status,Customer ID,Subscription,Type,Proration,Amount,Discount Amount,Currency,Period Start (UTC),Period End (UTC)',
    'in_1,2024-01-03 10:00:00,paid,cus_X,sub_X,subscription,false,40.00,0.00,usd,2024-01-03 10:00:00,2024-02-03 10:00:00',
    'in_2,2024-01-04 10:00:00,paid,cus_Z,sub_Z,subscription,false,240.00,0.00,eur,2024-01-04 10:00:00,2025-01-04 10:00:00',
    'in_3,2024-01-05 10:00:00,void,cus_Z,sub_Z,subscription,false,10.00,0.00,eur,2024-01-05 10:00:00,2024-02-05 10:00:00',
  ].join('\n') + '\n';
  const usd = stripeInvoiceLines({ text });
  assert.deepEqual([usd.currency, usd.used, usd.excludedBy], ['USD', 1, { status: 1, currency: 1, oneOff: 0 }]);
  closeRows(usd.months.map(row), [['2024-01', 40, 1, 40, 0, 0, 0, 0]]);
  assert.deepEqual(usd.currencies, ['usd', 'eur']);
  const eur = stripeInvoiceLines({ text }, { currency: 'eur' });
  // 240 a year = 20 a month; as of 4 Jan (its own last invoice date)
  assert.deepEqual([eur.currency, eur.used, eur.excludedBy, eur.asOf], ['EUR', 1, { status: 1, currency: 1, oneOff: 0 }, '2024-01-04']);
  closeRows(eur.months.map(row), [['2024-01', 20, 1, 20, 0, 0, 0, 0]]);
});

test('subscriptions: per-customer MRR movements and the plan change across a month end, worked by hand', () => {
  const stripe = [
    'id,Customer ID,Currency,Interval,Amount,Quantity,Status,Start Date (UTC),Trial End (UTC),Ended At (UTC)',
    'sub_A,cus_1,usd,month,50.00,1,canceled,2024-01-10 09:00,,2024-01-31 22:00',
    'sub_B,cus_1,usd,month,80.00,1,active,2024-02-01 09:00,,',
    'sub_C,cus_2,usd,month,20.00,1,canceled,2024-01-05 09:00,,2024-02-10 09:00',
    'sub_D,cus_2,usd,month,20.00,2,active,2024-04-02 09:00,,',
    'sub_E,cus_3,usd,month,30.00,1,trialing,2024-01-20 09:00,2024-08-01 09:00,',
  ].join('\n') + '\n';
  const s = stripeSubscriptions({ text: stripe });
  // 31 Jan 23:59:59: sub_A ended at 22:00, sub_B starts 11 h later: sub_A counts until then -> cus_1 50;
  // cus_2 20 -> January new 70 (2). February: cus_1 80 (expansion 30), cus_2's sub_C ended 10 Feb
  // (churned 20). April: cus_2 back with 2 × 20 = 40 (reactivation). cus_3 is trialing: never paying.
  closeRows(s.movements.USD.map(row), [
    ['2024-01', 70, 2, 70, 0, 0, 0, 0], ['2024-02', 80, 1, 0, 30, 0, 20, 0], ['2024-03', 80, 1, 0, 0, 0, 0, 0],
    ['2024-04', 120, 2, 0, 0, 0, 0, 40], ['2024-05', 120, 2, 0, 0, 0, 0, 0], ['2024-06', 120, 2, 0, 0, 0, 0, 0]]);
  // the month-end totals agree with the customers' sum (sub_A counted at the end of January)
  close(s.months[0].mrr, 70);
  assert.equal(s.months[0].payingCustomers, 2);
});
