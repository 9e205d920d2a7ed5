// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page's texts for the core's message catalogue (core/src/messages.cpp): one template per
// message id, in every language the page speaks, in the catalogue's order. Placeholders are
// written {name} and are a subset of the core's English template for the same id; web/messages.js
// writes a message from its id and parameters (roles, kinds, reasons, date orders and periods in
// words, rates as percentages, amounts as money), so the page never shows the core's English.

/** @type {Record<string, Record<string, string>>} */
export const MESSAGE_TEXTS = {
  en: {
    // Inputs of any function
    inputNotObject: 'The input must be an object.',
    notObject: '{field} must be an object.',
    required: '{field} is required.',
    notNumber: '{field} must be a number.',
    notFinite: '{field} must be a finite number.',
    tooLarge: '{field} is too large: it must be between −10¹⁵ and 10¹⁵.',
    notWhole: '{field} must be a whole number.',
    notPositive: '{field} must be greater than 0.',
    negative: '{field} must not be negative.',
    notBetween: '{field} must be between {low} and {high}.',
    notAtMost: '{field} must be at most {high}.',
    notAboveZeroAtMost: '{field} must be greater than 0 and at most {high}.',
    notString: '{field} must be text (a string).',
    notBoolean: '{field} must be true or false.',
    notArray: '{field} must be an array of numbers.',
    notOneOf: '{field} must be one of {values}.',
    exactlyOneOf: '{field} must have exactly one of {values}.',
    unknownOption: 'Unknown option “{field}”; the options are {values}.',
    resultTooLarge: 'The result is too large to compute.',

    // Calculators
    acquiredExceedsEnd: 'New customers acquired cannot exceed customers at end.',
    retainedExceedsStart:
      'Customers at end minus new customers acquired (the customers retained) cannot exceed customers at start.',
    lostExceedsStartRevenue:
      'Churned plus contraction revenue cannot exceed the recurring revenue at start.',
    nrrNotFinite:
      'The recurring revenue at start is too close to 0 compared with the expansion revenue: NRR has no finite value.',
    quickRatioNotFinite:
      'Churned plus contraction revenue is too close to 0: the quick ratio has no finite value.',
    clvZeroChurn: 'The churn rate is 0%: customers never leave, so CLV has no finite value.',
    clvChurnTooSmall: 'The churn rate is too close to 0% for CLV to have a finite value.',
    ltvToCacNotFinite:
      'The acquisition cost (CAC) is too close to 0 for LTV:CAC to have a finite value.',
    paybackNotFinite:
      'ARPU times gross margin is too close to 0 for the CAC payback to have a finite value.',
    clvNeverEnds:
      'The retention rate is 100% with a 0% discount rate and no number of periods: customers never leave and nothing is discounted, so CLV has no finite value.',
    clvDiscountTooSmall:
      'The retention rate is 100% and the discount rate is too close to 0% for CLV to have a finite value.',
    noResponses: 'Promoters, passives and detractors are all 0: at least one response is needed.',
    emptyAnswers: '{field} is empty: at least one response is needed.',
    csatCountsLength:
      'The answer counts must have exactly 5 entries: the numbers of answers scoring 1 to 5.',
    csatNoAnswers: 'The answer counts are all 0: at least one response is needed.',
    projectionOverflow:
      'The projection grows beyond the numbers that can be computed: shorten the horizon or lower the growth rates.',

    // The data drop: the file and the options
    alreadyFinished: 'The analysis is already finished (finish() was already called).',
    fileEmpty: 'The file is empty.',
    fileNotText: 'The file is not text (it holds NUL or control bytes): export it as CSV.',
    fileNoDataRows: 'The file has no data rows.',
    fileNoUsableRows:
      'No usable rows: all {rows} rows were rejected. Most often: {reason} ({count} rows, the first on line {line}).',
    fileRowsNotUsed:
      'None of the {rows} rows can be used: {excluded} are left out (not sales, or not paying), {skipped} have no answer and {rejected} could not be read.',
    spanTooLong:
      'The dates span {periods} periods of one {bucket} (from {first} to {last}): check for mistyped dates, or choose a longer period.',
    columnIndexOutOfRange:
      '{field} is column {index}, but the file has {count} columns (numbered from 0).',
    columnNameUnknown: '{field}: no column is named “{name}”; the columns are {columns}.',
    kindUnknown:
      'Could not tell what this file holds from its columns ({columns}). Orders need a customer ID, a date and an amount; subscriptions a customer ID and a start date; survey responses a 0–10 score; period counts the customers at start, acquired and at end; customer summaries a customer ID, frequency, recency and T. Choose what the file holds and check the columns.',
    rolesMissing:
      'A file of {kind} needs these columns: {roles}. None was found for {missing} among the file’s columns ({columns}). Choose its column ({field}).',
    tooManyCustomers: 'The file has more distinct customer IDs than fit in memory.',
    tooMuchIdText: 'The file has more customer ID text than fits in memory.',
    tooManyDays: 'The file has more distinct purchase days than fit in memory.',
    columnsNotObject: '{field} must be an object mapping roles to column indexes or names.',
    unknownRole: '{field} is not a column role (roles: {values}).',
    badColumnRef: '{field} must be a column index (from 0) or a column name.',
    notIsoDate: '{field} must be an ISO date such as 1997-09-30, not “{value}”.',

    // The data drop: why a row is not used (the table already shows the line and the column)
    rowMissingValue: 'The {role} is empty.',
    rowBadDate:
      '“{value}” is not a date (dates look like 2024-03-05, 05/03/2024, 20240305 or 2024年3月5日).',
    rowDateOrderMismatch:
      '“{value}” does not fit this file’s date order, {order}; if that order is wrong, choose how the dates are written (dateOrder).',
    rowDateAmbiguous:
      '“{value}” could be day first or month first; choose how the dates are written (dateOrder “dmy” or “mdy”).',
    rowNotAmount: '“{value}” is not an amount.',
    rowNegativeAmount: '“{value}” is negative.',
    rowNegativeQuantity: 'The quantity “{value}” is negative while the amount is not: a return needs a negative amount.',
    rowNotNumber: '“{value}” is not a number.',
    rowScoreOutOfRange: '“{value}” is not a whole score from 0 to 10.',
    rowNotCount: '“{value}” is not a number of customers (a whole number, 0 or more).',
    rowAcquiredOverEnd: 'The {acquired} new customers are more than the {end} customers at end.',
    rowRetainedOverStart:
      'Customers at end ({end}) minus new customers ({acquired}) leaves more customers than the {start} at start.',
    rowDuplicateCustomer: 'Customer “{value}” already appears on an earlier line.',
    rowNotRepeatCount: '“{value}” is not a whole number of repeat purchases (0 or more).',
    rowNotTimeUnits: '“{value}” must be a number of time units, 0 or more.',
    rowRecencyAfterT:
      'Recency ({recency}) is greater than T ({T}): the last purchase cannot come after the end of the observation.',
    rowRecencyWithoutRepeat:
      'Recency ({recency}) must be 0 for a customer with no repeat purchase (frequency 0).',
    rowEndBeforeStart: 'The end date {end} is before the start date {start}.',
    rowUnclosedQuote: 'A quoted field is not closed before the end of the file.',
    rowTooLong: 'The row is longer than 16 MB.',
    rowWrongFieldCount: 'The row has {fields} fields, but at least {needed} are needed.',
    rowNotUtf8: 'The text is not valid UTF-8 (save the file as UTF-8 or GB18030).',
    rowStatusExcluded: 'The status “{value}” is not a sale: the order is left out.',
    rowStatusNotPaying: 'The status “{value}” is not paying: the subscription is left out.',
    rowUnpaid: 'The payment date is empty: the order was not paid.',
    rowFullyRefunded: 'The order was refunded in full ({refundAmount} of {paidAmount}): it is not a purchase.',
    rowBlankAnswer: 'The answer is blank (the question was skipped).',
    rowOrderLineExcluded: 'This line belongs to the order left out on line {line}.',
    rowBadInterval: '“{value}” is not a billing interval (month, year, week or day, or e.g. “every 3 months”).',
    rowOtherCurrency: 'The amount is in {value}; this analysis is of {currency}.',
    rowBadDiscount: '“{value}” is not a discount (an amount of 0 or more, or a percent from 0 to 100).',
    rowBadFlag: '“{value}” is neither true nor false.',
    rowInvoiceNotBilled: 'The invoice’s status “{value}” bills nothing (a draft, voided or uncollectible): the line is left out.',
    rowOneOff: 'The line is a one-off charge (“{value}”), not recurring revenue.',
    rowNoServicePeriod: 'The line bills no period (it starts and ends on {date}): a one-off charge, not recurring revenue.',

    // The data drop: warnings
    mixedDateOrder:
      'The dates are written both day first and month first; the majority order, {order}, was kept and the other rows are rejected as “Ambiguous date”.',
    ambiguousDateOrder:
      'Day and month could not be told apart in the dates (for example on line {line}): they were read day first (DD/MM/YYYY). If they are month first, choose that date order (dateOrder “mdy”).',
    cohortsOmitted:
      'The dates span {periods} periods of one {bucket}; the cohort table is left out above {limit} periods: choose a longer period to see it.',
    segmentsTruncated:
      'Only the first {limit} segments are shown; the others are counted together as “(other)”.',
    firstPurchaseAfterCalibration:
      '{customers} customers first bought after the calibration end ({date}): they count in the periods and cohorts but not in the per-customer summary.',
    unusedCsvTruncated:
      'The file of unused rows stops at 8 MB; all {rows} unused rows are still counted.',
    encoding:
      'The file stops being valid UTF-8 after byte {byte}: it was read on as UTF-8, and the rows whose text is not valid UTF-8 are rejected. Save the file as UTF-8 or GB18030.',
    refundLines:
      '{rows} rows have a negative amount (refunds or returns): they take {refundAmount} off their customers’ revenue and are not purchases.',
    refundsSubtracted: 'Refunds of {refundAmount} on {rows} orders are subtracted from revenue (column “{column}”).',
    statusesUnknown: 'These status values are not known and are counted as sales: {statuses}. Change their class if they are not sales.',
    columnUnused: 'Column “{column}” looks like the {role} and is not used: the numbers do not take it into account.',
    couponsNotApplied: '{rows} subscriptions have a coupon in “{column}” without its value: their discounts are not taken off MRR. Map a discount column if the file has one.',
    periodEndMissing: '{rows} subscriptions cancel at their period’s end (“{column}”) but the file gives no period end: they count as running.',
    invoicePeriodIgnored: '{columns} are the invoice’s period (for a subscription invoice Stripe writes the previous period there), not what it bills: each invoice bills from its date for its billing interval. Export the invoice line items to use their own service periods.',
    unpaidBeforeFirstPayment: '{lines} lines of unpaid invoices come before their customer’s first payment: they are not counted (a customer starts paying on their first paid invoice).',
    pastDueChurned: '{lines} lines of unpaid renewals are cut short: a customer past due for {days} days churns then, until their next paid invoice.',
    invoicesNeedPeriod: 'The invoices need each line’s service period: map the column of its end, or a billing interval to measure it from its start.',

    // The data drop: how the numbers were counted
    conventionRevenue: 'Revenue is the column “{column}”.',
    conventionRevenueWithout: 'Revenue is “{column}” without {columns}: shipping and tax are not sales.',
    conventionRevenueWith: 'Revenue is “{column}” with {columns} in it, as you chose.',
    conventionPaidDate: 'An order counts on the day it was paid (“{column}”).',
    conventionDeliveryDate: 'An order with a sale status but no payment date (paid on delivery) counts on the day it was placed (“{column}”).',
    conventionStatus: 'Orders of a status that is not a sale (cancelled, unpaid, refunded…) are left out (column “{column}”).',
    conventionRefund: 'Refunds (column “{column}”) are subtracted from revenue; an order refunded in full is not a purchase.',
    conventionUnitPrice: 'Each line’s amount is {columns} multiplied.',
    conventionBalance: '“{column}” (paid from the buyer’s balance) is added to “{amount}”: it is part of the sale.',
    conventionMrr: 'MRR is {columns} per month of 365.25 ÷ 12 days: a year’s amount ÷ 12, a week’s × 365.25 ÷ 7 ÷ 12, a day’s × 365.25 ÷ 12, divided by the intervals per bill.',
    conventionCents: '“{column}” is in cents: divided by 100.',
    conventionTrial: 'A subscription pays from the end of its trial (“{column}”); subscriptions still in trial, incomplete, unpaid or paused are not paying.',
    conventionDiscount: 'Discounts (“{column}”) are taken off MRR as billed: an amount off the bill, or a percent of it; MRR is never below 0.',
    conventionPeriodEnd: 'A subscription set to cancel at its period’s end (“{column}”) pays until that end (“{periodEnd}”).',
    conventionInvoices: 'MRR is each recurring line’s amount (“{column}”) spread over its service period and made monthly: a period of whole calendar months by their count, any other by its days ÷ (365.25 ÷ 12). Credits and prorations count with their sign; one-off charges, taxes and refunds do not change MRR.',
    conventionInvoiceStatus: 'An invoice counts from when it is issued unless it is a draft, voided or uncollectible (“{column}”); an unpaid renewal is past due, not churn; a customer starts paying on their first paid invoice.',
    conventionAsOf: 'The last period is measured on {date}, the file’s last invoice date, not at the period’s end.',
    currenciesSplit: 'The file has amounts in {currencies}: they are never added together. This analysis is of {currency}; analyse again for another.',

    // Models
    customersColumnsMissing: 'The customer list (customers) must have frequency, recency and T columns.',
    customerRecencyAfterT: '{field} ({recency}) must not exceed T ({T}).',
    customerRecencyWithoutRepeat:
      '{field} must be 0 for a customer without repeat purchases (frequency 0).',
    tooFewCustomers: 'The customer list (customers) must hold at least 2 customers to fit a model.',
    allTZero: 'T is 0 for every customer (customers.T): no time has been observed.',
    noRepeatBuyer:
      'No customer has a repeat purchase (customers.frequency is 0 for all): without a repeat buyer, the purchase rate and the dropout cannot be told apart.',
    likelihoodNotEvaluated: 'The {model} likelihood could not be evaluated on {field}.',
    parameterToInfinity:
      '{field} cannot be fitted by the {model} model: its parameter {parameter} runs off to infinity (too few customers or repeat purchases to estimate it).',
    parameterToZero:
      '{field} cannot be fitted by the {model} model: its parameter {parameter} runs off to 0 (too few customers or repeat purchases to estimate it).',
    customersEmpty: 'The customer list (customers) must not be empty.',
    spendColumnMissing:
      'The spend model needs the average spend of each customer (customers.monetaryValue).',
    spendColumnNeeded:
      'The expected spend and CLV need the average spend of each customer (customers.monetaryValue).',
    spendTooFewRepeatBuyers:
      'The spend model needs at least 2 customers with repeat purchases (customers.frequency > 0).',
    spendNoVariation:
      'The average spend (customers.monetaryValue) is the same for every repeat buyer: the spend model needs some variation.',
    spendNoRepeatBuyer: 'No customer has repeat purchases (customers.frequency).',
    spendQUnbounded:
      '{field} must be greater than 1 for the mean spend of a customer without repeat purchases to be finite.',
    horizonNotWhole: '{field} must be a whole number of periods for CLV.',
    predictionNotFinite:
      'The prediction for {field} is not finite: the parameters do not suit this customer.',
    tMaxBelowTMin: '{field} must not be less than TMin.',
    resolutionTooLarge: '{field} must not exceed TMax.',
    survivalTooShort: '{field} must hold the start of the cohort and at least one period.',
    survivalFirstNotOne: '{field} must be 1: the whole cohort is alive at the start.',
    survivalIncreases: '{field} is larger than the period before: survival cannot increase.',
    cohortsEmpty: '{field} must hold a survival curve.',
    survivalNoChurn: '{field} shows no churn: the sBG model cannot be fitted (retention 100%).',
    survivalUnidentified:
      '{field} needs at least two periods with churn, or churn and survivors observed for two periods or more, to identify α and β.',
    discountTooSmall: '{field} must be 0 or at least 0.00001 per period.',
    lifetimeUnbounded: '{field} is 0 and α ≤ 1: the expected lifetime is infinite.',
    modelKind: '{field} must be a fitted model of kind {values}.',
    splitNotBeforeEnd: 'The split date must come before the end of the data ({end}).',
    noCustomerBeforeSplit: 'No customer bought on or before {split}.',
    noCohortFollowed: 'No cohort is followed for more than one period.',

    // The data drop: what the suggested calculator inputs ("use my numbers") are
    suggestCrr:
      'Period {period}: S = {start}, N = {acquired}, E − R = {retained} (E = {end} minus R = {returning} customers back after a gap, so that the calculator’s CRR = (E − N) / S equals the CRR measured here).',
    suggestCrrPartial:
      'The last period of the file is left out: it ends after the last order, so it is probably incomplete.',
    suggestScenario:
      'Existing customers {customers}, new customers per month {newPerMonth}, annual CRR {annualRate} (the mean CRR per {bucket} over the last {periods} periods, {meanRate}, compounded {perYear} times), revenue per customer per month {revenueAmount}.',
    suggestScenarioNoRevenue:
      'Existing customers {customers}, new customers per month {newPerMonth}, annual CRR {annualRate} (the mean CRR per {bucket} over the last {periods} periods, {meanRate}, compounded {perYear} times); the file has no revenue per customer to send.',
    suggestScenarioOrders:
      'Customers active (with a purchase) in the last 12 months, {from} to {to}: {customers}. Of the {prior} customers active in the 12 months before, {retained} bought again in the last 12: annual retention {annualRate}. New customers per month {newPerMonth} (first purchases in the last 12 months ÷ 12); revenue per active customer per month {revenueAmount}.',
    suggestScenarioOrdersShort:
      'Customers active (with a purchase) from {from} to {to} ({months} months): {customers}; new customers per month {newPerMonth}; revenue per active customer per month {revenueAmount}. Annual retention needs 24 months of data (a year to compare with the year before), so none is sent: type yours in the simulator.',
    suggestClv:
      'Average order value {orderAmount}; orders per year {ordersPerYear} (all orders / the years from each customer’s first order to the end of the data). Years and margin keep their values.',
    suggestClvNoFrequency:
      'Average order value {orderAmount}; orders per year not sent (no customer has been observed for any time). Years and margin keep their values.',
    suggestSubscriptionClv:
      'Period {period}: ARPU {arpuAmount} (recurring revenue / subscribers), churn {churnRate}.',
    suggestRevenue:
      'Period {period}: MRR at its start {startAmount}; expansion {expansionAmount}, contraction {contractionAmount}, churned {churnedAmount}; new {newAmount} with reactivation {reactivationAmount} sent as new revenue.',
    suggestNps: 'Promoters {promoters}, passives {passives}, detractors {detractors}.',

    // The JS API (retention.mjs) itself
    unsupported:
      '{name} is not in this build of the calculator (the calculator-only module leaves out the file analysis and the models).',
    coreFactory: '{field} must be the factory exported by an embind module.',
    notWasmModule: '{field} must be a compiled WebAssembly.Module.',
    inputUnreadable: '{field} cannot be read ({detail}).',
    callbackNotFunction: '{field} must be a function.',
    signalNotAbortSignal: '{field} must be an AbortSignal.',
    sourceType:
      'The source must be a string, an ArrayBuffer or typed array, a Blob or File, or a ReadableStream of bytes.',
    sourceUnreadable: 'The source could not be read ({detail}).',
    sourceNotBytes: 'The source gave a chunk that is not bytes (Uint8Array expected).',
    streamLocked: 'The stream is locked or was already read.',
    customersShape:
      'The customer list (customers) must be an array of objects with frequency, recency and T, or columns of them (such as analysis.customers.table).',
    customerNotObject: '{field} must be an object with frequency, recency and T.',
    columnType: '{field} must be an array of numbers or a typed array (such as Float64Array).',
    columnLength:
      '{field} has {length} entries, frequency has {expected}: every column needs one entry per customer.',
    idsLength: '{field} must be an array with one ID per customer ({expected}).',
  },

  'zh-CN': {
    // Inputs of any function
    inputNotObject: '输入必须是一个对象。',
    notObject: '{field} 必须是对象。',
    required: '{field} 为必填项。',
    notNumber: '{field} 必须是数字。',
    notFinite: '{field} 必须是有限的数字。',
    tooLarge: '{field} 过大：必须在 −10¹⁵ 到 10¹⁵ 之间。',
    notWhole: '{field} 必须是整数。',
    notPositive: '{field} 必须大于 0。',
    negative: '{field} 不能为负数。',
    notBetween: '{field} 必须在 {low} 到 {high} 之间。',
    notAtMost: '{field} 不能超过 {high}。',
    notAboveZeroAtMost: '{field} 必须大于 0 且不超过 {high}。',
    notString: '{field} 必须是文本（字符串）。',
    notBoolean: '{field} 必须是 true 或 false。',
    notArray: '{field} 必须是数字数组。',
    notOneOf: '{field} 必须是以下之一：{values}。',
    exactlyOneOf: '{field} 必须恰好包含以下其中一项：{values}。',
    unknownOption: '未知选项“{field}”；可用的选项为：{values}。',
    resultTooLarge: '结果过大，无法计算。',

    // Calculators
    acquiredExceedsEnd: '新增客户数不能超过期末客户数。',
    retainedExceedsStart: '期末客户数减去新增客户数（即留存客户数）不能超过期初客户数。',
    lostExceedsStartRevenue: '流失收入与收缩收入之和不能超过期初经常性收入。',
    nrrNotFinite: '与扩展收入相比，期初经常性收入过于接近 0：NRR 没有有限值。',
    quickRatioNotFinite: '流失收入与收缩收入之和过于接近 0：快速比率没有有限值。',
    clvZeroChurn: '流失率为 0%：客户永远不会离开，因此 CLV 没有有限值。',
    clvChurnTooSmall: '流失率过于接近 0%，CLV 没有有限值。',
    ltvToCacNotFinite: '获客成本（CAC）过于接近 0，LTV:CAC 没有有限值。',
    paybackNotFinite: 'ARPU 与毛利率的乘积过于接近 0，CAC 回收期没有有限值。',
    clvNeverEnds:
      '留存率为 100%、折现率为 0% 且未设定计算期数：客户永远不会离开，价值也不折现，因此 CLV 没有有限值。',
    clvDiscountTooSmall: '留存率为 100%，而折现率过于接近 0%，CLV 没有有限值。',
    noResponses: '推荐者、被动者和贬损者都为 0：至少需要一个回答。',
    emptyAnswers: '{field} 为空：至少需要一个回答。',
    csatCountsLength: '各分值的回答数必须恰好有 5 项：依次为评 1 分到 5 分的回答数。',
    csatNoAnswers: '各分值的回答数都为 0：至少需要一个回答。',
    projectionOverflow: '推演结果超出了可计算的数值范围：请缩短推演期或降低增长率。',

    // The data drop: the file and the options
    alreadyFinished: '分析已经结束（finish() 已被调用过）。',
    fileEmpty: '文件为空。',
    fileNotText: '该文件不是文本（含有空字节或控制字节），请导出为 CSV。',
    fileNoDataRows: '文件中没有数据行。',
    fileNoUsableRows:
      '没有可用的行：全部 {rows} 行都被拒绝。最常见的原因：{reason}（{count} 行，第一次出现在第 {line} 行）。',
    fileRowsNotUsed: '{rows} 行都无法使用：{excluded} 行被排除（非成交或非付费），{skipped} 行没有回答，{rejected} 行无法读取。',
    spanTooLong:
      '日期跨越 {periods} 期（按{bucket}计，从 {first} 到 {last}）：请检查是否有输错的日期，或选择更长的周期。',
    columnIndexOutOfRange: '{field} 指定的是第 {index} 列，但文件只有 {count} 列（列号从 0 开始）。',
    columnNameUnknown: '{field}：没有名为“{name}”的列；文件的列为：{columns}。',
    kindUnknown:
      '无法根据文件的列（{columns}）判断文件内容。订单需要客户 ID、日期和金额；订阅需要客户 ID 和开始日期；问卷回答需要 0–10 分的评分；各期客户数需要期初客户数、新增客户数和期末客户数；客户汇总需要客户 ID、频次、近度和 T。请选择文件内容并确认各列。',
    rolesMissing:
      '{kind}文件需要这些列：{roles}。在文件的列（{columns}）中找不到：{missing}。请指定对应的列（{field}）。',
    tooManyCustomers: '文件中不同客户 ID 的数量过多，超出了内存容量。',
    tooMuchIdText: '文件中客户 ID 的文本总量过大，超出了内存容量。',
    tooManyDays: '文件中不同购买日期的数量过多，超出了内存容量。',
    columnsNotObject: '{field} 必须是一个对象，将各列的含义映射到列号或列名。',
    unknownRole: '{field} 不是有效的列含义（可用的含义：{values}）。',
    badColumnRef: '{field} 必须是列号（从 0 开始）或列名。',
    notIsoDate: '{field} 必须是 ISO 格式的日期（例如 1997-09-30），而不是“{value}”。',

    // The data drop: why a row is not used (the table already shows the line and the column)
    rowMissingValue: '缺少{role}。',
    rowBadDate: '“{value}”不是日期（日期应类似 2024-03-05、05/03/2024、20240305 或 2024年3月5日）。',
    rowDateOrderMismatch:
      '“{value}”不符合本文件的日期写法：{order}。如果该写法不对，请重新选择日期写法（dateOrder）。',
    rowDateAmbiguous:
      '“{value}”既可按日在前、也可按月在前理解；请选择日期写法（dateOrder 设为“dmy”或“mdy”）。',
    rowNotAmount: '“{value}”不是金额。',
    rowNegativeAmount: '“{value}”为负数。',
    rowNegativeQuantity: '数量“{value}”为负数而金额不是负数：退货的金额应为负数。',
    rowNotNumber: '“{value}”不是数字。',
    rowScoreOutOfRange: '“{value}”不是 0 到 10 之间的整数评分。',
    rowNotCount: '“{value}”不是客户数（应为 0 或以上的整数）。',
    rowAcquiredOverEnd: '新增客户数 {acquired} 超过了期末客户数 {end}。',
    rowRetainedOverStart: '期末客户数 {end} 减去新增客户数 {acquired} 后，仍多于期初客户数 {start}。',
    rowDuplicateCustomer: '客户“{value}”已在前面的行中出现过。',
    rowNotRepeatCount: '“{value}”不是重复购买次数（应为 0 或以上的整数）。',
    rowNotTimeUnits: '“{value}”必须是时间单位数，且为 0 或以上。',
    rowRecencyAfterT: '近度（{recency}）大于客龄 T（{T}）：最后一次购买不能晚于观察期结束。',
    rowRecencyWithoutRepeat: '没有重复购买的客户（频次为 0），近度必须为 0，而不是 {recency}。',
    rowEndBeforeStart: '结束日期 {end} 早于开始日期 {start}。',
    rowUnclosedQuote: '带引号的字段直到文件末尾都没有闭合。',
    rowTooLong: '该行超过 16 MB。',
    rowWrongFieldCount: '该行只有 {fields} 个字段，至少需要 {needed} 个。',
    rowNotUtf8: '文本不是有效的 UTF-8（请将文件另存为 UTF-8 或 GB18030 编码）。',
    rowStatusExcluded: '状态“{value}”不是成交：该订单不计入。',
    rowStatusNotPaying: '状态“{value}”不是付费状态：该订阅不计入。',
    rowUnpaid: '付款时间为空：该订单未付款。',
    rowFullyRefunded: '该订单已全额退款（{paidAmount} 中退款 {refundAmount}）：不算一次购买。',
    rowBlankAnswer: '该题未作答（回答为空）。',
    rowOrderLineExcluded: '这一行属于第 {line} 行已排除的订单。',
    rowBadInterval: '“{value}”不是计费周期（应为月、年、周或日，或如“every 3 months”）。',
    rowOtherCurrency: '金额的币种为 {value}；本次分析的是 {currency}。',
    rowBadDiscount: '“{value}”不是折扣（应为不小于 0 的金额，或 0 到 100 的百分比）。',
    rowBadFlag: '“{value}”既不是 true 也不是 false（是/否）。',
    rowInvoiceNotBilled: '账单状态“{value}”不产生收费（草稿、已作废或坏账）：该明细行不计入。',
    rowOneOff: '该明细行是一次性收费（“{value}”），不是经常性收入。',
    rowNoServicePeriod: '该明细行没有服务期（开始和结束都是 {date}）：属于一次性收费，不是经常性收入。',

    // The data drop: warnings
    mixedDateOrder:
      '日期同时存在日在前和月在前两种写法：已按占多数的写法读取（{order}），其余行被拒绝（原因：日期有歧义）。',
    ambiguousDateOrder:
      '无法区分日期中的日与月（例如第 {line} 行）：已按日在前（DD/MM/YYYY）读取。如果是月在前，请选择相应的日期写法（dateOrder 设为“mdy”）。',
    cohortsOmitted:
      '日期跨越 {periods} 期（按{bucket}计）；超过 {limit} 期时不显示同期群表：请选择更长的周期以查看。',
    segmentsTruncated: '只显示前 {limit} 个细分群体，其余合并为“(other)”。',
    firstPurchaseAfterCalibration:
      '{customers} 位客户在校准期结束（{date}）之后才首次购买：他们计入各期和同期群，但不计入逐客户汇总。',
    unusedCsvTruncated: '未使用行的文件只写入前 8 MB；未使用的 {rows} 行仍全部计入统计。',
    encoding:
      '文件从第 {byte} 字节之后不再是有效的 UTF-8（此前都是）：其余部分仍按 UTF-8 读取，文本无效的行被拒绝。请将文件另存为 UTF-8 或 GB18030 编码。',
    refundLines: '{rows} 行金额为负（退款或退货）：从相应客户的收入中扣除 {refundAmount}，不算购买。',
    refundsSubtracted: '{rows} 笔订单的退款共 {refundAmount} 已从收入中扣除（“{column}”列）。',
    statusesUnknown: '以下状态值无法识别，已按成交计入：{statuses}。如果它们不是成交，请更改其类别。',
    columnUnused: '“{column}”列看起来是{role}，但未被使用：结果没有考虑这一列。',
    couponsNotApplied: '有 {rows} 个订阅在“{column}”列中有优惠券，但没有优惠金额：这些折扣没有从 MRR 中扣除。如果文件中有折扣列，请映射它。',
    periodEndMissing: '有 {rows} 个订阅设为期末取消（“{column}”），但文件没有本期结束日期：它们按仍在订阅计算。',
    invoicePeriodIgnored: '{columns} 是账单层面的周期（订阅账单中 Stripe 在这里写的是上一个周期），不是账单所收费的期间：每张账单从其开票日期起按计费周期计算。请导出账单明细行，以使用各行自己的服务期。',
    unpaidBeforeFirstPayment: '有 {lines} 行未付账单早于其客户的首次付款：不计入（客户从第一张已付账单起才算付费）。',
    pastDueChurned: '有 {lines} 行未付的续费账单被截短：客户逾期 {days} 天即视为流失，直到下一张已付账单。',
    invoicesNeedPeriod: '账单需要每行的服务期：请指定其结束日期所在的列，或指定计费周期，从开始日期推算。',

    // The data drop: how the numbers were counted
    conventionRevenue: '收入取“{column}”列。',
    conventionRevenueWithout: '收入取“{column}”并扣除 {columns}：运费和税费不是商品销售额。',
    conventionRevenueWith: '收入取“{column}”并计入 {columns}（按您的选择）。',
    conventionPaidDate: '订单按付款日期（“{column}”）计入。',
    conventionDeliveryDate: '状态为成交但没有付款时间的订单（货到付款）按下单日期（“{column}”）计入。',
    conventionStatus: '状态不是成交的订单（已取消、未付款、已退款等）不计入（“{column}”列）。',
    conventionRefund: '退款（“{column}”列）已从收入中扣除；全额退款的订单不算购买。',
    conventionUnitPrice: '每行金额为 {columns} 相乘。',
    conventionBalance: '“{column}”（买家余额支付的部分）计入“{amount}”：它是销售额的一部分。',
    conventionMrr: 'MRR 为 {columns} 换算到每月（每月 365.25 ÷ 12 天）：年付金额 ÷ 12，周付 × 365.25 ÷ 7 ÷ 12，日付 × 365.25 ÷ 12，再除以每次计费的周期数。',
    conventionCents: '“{column}”以分为单位：已除以 100。',
    conventionTrial: '订阅从试用结束（“{column}”）起付费；仍在试用、未完成、未支付或已暂停的订阅不计为付费。',
    conventionDiscount: '折扣（“{column}”）按账单从 MRR 中扣除：账单减去折扣金额，或按百分比减少；MRR 不会小于 0。',
    conventionPeriodEnd: '设为期末取消（“{column}”）的订阅付费到本期结束（“{periodEnd}”）。',
    conventionInvoices: 'MRR 为每个经常性明细行的金额（“{column}”）在其服务期内分摊并换算到每月：整月的服务期按日历月数计算，其他按天数 ÷（365.25 ÷ 12）计算。抵扣和按比例计费按其正负号计入；一次性收费、税费和退款不改变 MRR。',
    conventionInvoiceStatus: '账单自开具之日起计入，草稿、已作废和坏账（“{column}”）除外；未付的续费账单视为逾期而非流失；客户从第一张已付账单起才算付费。',
    conventionAsOf: '最后一期按 {date}（文件中最后的开票日期）计算，而不是按期末计算。',
    currenciesSplit: '文件中的金额有多种币种：{currencies}，它们不会相加。本次分析的是 {currency}；如需其他币种请重新分析。',

    // Models
    customersColumnsMissing: '客户列表（customers）必须包含 frequency（频次）、recency（近度）和 T 三列。',
    customerRecencyAfterT: '{field}（{recency}）不能超过 T（{T}）。',
    customerRecencyWithoutRepeat: '没有重复购买的客户（频次为 0），{field} 必须为 0。',
    tooFewCustomers: '客户列表（customers）至少需要 2 位客户才能拟合模型。',
    allTZero: '所有客户的 T 都为 0（customers.T）：观察时长为零。',
    noRepeatBuyer:
      '没有任何客户有重复购买（customers.frequency 全为 0）：没有复购客户，就无法区分购买率和流失。',
    likelihoodNotEvaluated: '无法基于 {field} 计算 {model} 模型的似然值。',
    parameterToInfinity:
      '{model} 模型无法拟合 {field}：参数 {parameter} 趋于无穷大（客户或重复购买太少，无法估计）。',
    parameterToZero:
      '{model} 模型无法拟合 {field}：参数 {parameter} 趋于 0（客户或重复购买太少，无法估计）。',
    customersEmpty: '客户列表（customers）不能为空。',
    spendColumnMissing: '消费模型需要每位客户的平均消费额（customers.monetaryValue）。',
    spendColumnNeeded: '计算预期消费和 CLV 需要每位客户的平均消费额（customers.monetaryValue）。',
    spendTooFewRepeatBuyers: '消费模型至少需要 2 位有重复购买的客户（customers.frequency > 0）。',
    spendNoVariation:
      '每位复购客户的平均消费额（customers.monetaryValue）都相同：消费模型需要数值有所差异。',
    spendNoRepeatBuyer: '没有任何客户有重复购买（customers.frequency）。',
    spendQUnbounded: '{field} 必须大于 1，没有重复购买的客户的平均消费才有有限值。',
    horizonNotWhole: '计算 CLV 时，{field} 必须是整数个周期。',
    predictionNotFinite: '{field} 的预测值不是有限值：模型参数不适用于该客户。',
    tMaxBelowTMin: '{field} 不能小于 TMin。',
    resolutionTooLarge: '{field} 不能超过 TMax。',
    survivalTooShort: '{field} 必须包含同期群的起点和至少一期。',
    survivalFirstNotOne: '{field} 必须为 1：开始时整个同期群都仍然存续。',
    survivalIncreases: '{field} 大于上一期：存续比例不能增加。',
    cohortsEmpty: '{field} 必须包含一条存续曲线。',
    survivalNoChurn: '{field} 没有任何流失：无法拟合 sBG 模型（留存率 100%）。',
    survivalUnidentified:
      '{field} 至少需要两期有流失，或者既有流失、又有客户被观察两期或以上仍然存续，才能确定 α 和 β。',
    discountTooSmall: '{field} 必须为 0，或每期至少 0.00001。',
    lifetimeUnbounded: '{field} 为 0 且 α ≤ 1 时，预期生命周期为无穷大。',
    modelKind: '{field} 必须是已拟合的模型，类型为：{values}。',
    splitNotBeforeEnd: '分割日期必须早于数据的结束日期（{end}）。',
    noCustomerBeforeSplit: '在 {split} 当天或之前没有任何客户购买。',
    noCohortFollowed: '没有任何同期群被跟踪超过一期。',

    // The data drop: what the suggested calculator inputs ("use my numbers") are
    suggestCrr:
      '周期 {period}：S = {start}，N = {acquired}，E − R = {retained}（E = {end} 减去间隔后回归的 R = {returning} 位客户，使计算器的 CRR = (E − N) / S 与此处测得的 CRR 相同）。',
    suggestCrrPartial: '文件的最后一期未计入：它在最后一笔订单之后才结束，可能不完整。',
    suggestScenario:
      '现有客户 {customers}，每月新客户 {newPerMonth}，年留存率 {annualRate}（最近 {periods} 期每{bucket}平均 CRR {meanRate}，复合 {perYear} 次），每客户月收入 {revenueAmount}。',
    suggestScenarioNoRevenue:
      '现有客户 {customers}，每月新客户 {newPerMonth}，年留存率 {annualRate}（最近 {periods} 期每{bucket}平均 CRR {meanRate}，复合 {perYear} 次）；文件中没有可填入的每客户收入。',
    suggestScenarioOrders:
      '最近 12 个月（{from} 至 {to}）有购买的活跃客户：{customers}。此前 12 个月的 {prior} 位活跃客户中，{retained} 位在最近 12 个月再次购买：年留存率 {annualRate}。每月新客户 {newPerMonth}（最近 12 个月的首购客户数 ÷ 12）；每位活跃客户每月收入 {revenueAmount}。',
    suggestScenarioOrdersShort:
      '{from} 至 {to}（{months} 个月）有购买的活跃客户：{customers}；每月新客户 {newPerMonth}；每位活跃客户每月收入 {revenueAmount}。年留存率需要 24 个月的数据（用一年与前一年比较），因此不发送：请在模拟器中自行填写。',
    suggestClv:
      '平均订单价值 {orderAmount}；每年订单数 {ordersPerYear}（全部订单 / 各客户首次下单至数据结束的年数之和）。年数与毛利率保持不变。',
    suggestClvNoFrequency:
      '平均订单价值 {orderAmount}；每年订单数不填入（所有客户的观察时长都为 0）。年数与毛利率保持不变。',
    suggestSubscriptionClv: '周期 {period}：ARPU {arpuAmount}（经常性收入 / 订阅客户数），流失率 {churnRate}。',
    suggestRevenue: '周期 {period}：期初 MRR {startAmount}；扩张 {expansionAmount}，收缩 {contractionAmount}，流失 {churnedAmount}；新增 {newAmount}，重新激活 {reactivationAmount} 计入新增收入。',
    suggestNps: '推荐者 {promoters}，被动者 {passives}，贬损者 {detractors}。',

    // The JS API (retention.mjs) itself
    unsupported: '此版本的计算器不包含 {name}（仅含计算器的模块不包括文件分析和模型）。',
    coreFactory: '{field} 必须是 embind 模块导出的工厂函数。',
    notWasmModule: '{field} 必须是已编译的 WebAssembly.Module。',
    inputUnreadable: '无法读取 {field}（{detail}）。',
    callbackNotFunction: '{field} 必须是函数。',
    signalNotAbortSignal: '{field} 必须是 AbortSignal。',
    sourceType: '数据源必须是字符串、ArrayBuffer 或类型化数组、Blob 或 File，或字节的 ReadableStream。',
    sourceUnreadable: '无法读取数据源（{detail}）。',
    sourceNotBytes: '数据源给出的数据块不是字节（应为 Uint8Array）。',
    streamLocked: '该流已被锁定或已被读取过。',
    customersShape:
      '客户列表（customers）必须是含 frequency、recency 和 T 的对象数组，或由这三列组成的列式数据（例如 analysis.customers.table）。',
    customerNotObject: '{field} 必须是含 frequency、recency 和 T 的对象。',
    columnType: '{field} 必须是数字数组或类型化数组（例如 Float64Array）。',
    columnLength: '{field} 有 {length} 项，而 frequency 有 {expected} 项：每一列都需要每位客户一项。',
    idsLength: '{field} 必须是数组，每位客户一个 ID（共 {expected} 个）。',
  },
};
