#!/usr/bin/env python3
"""Counts zero-amount rows in the CDNOW master file (see README.md, section 15)."""
import sys
from collections import defaultdict

path = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/cdnow/CDNOW_master.txt"
rows = zero_rows = 0
by_cust = defaultdict(list)               # customer -> [(date, cents)]
with open(path, encoding="ascii") as f:
    for line in f:
        parts = line.split()
        if len(parts) != 4 or not parts[0].isdigit():
            continue                      # header line "customer_id date number_of_cds dollar_value"
        cust, date, _cds, value = parts
        cents = round(float(value) * 100)
        rows += 1
        zero_rows += cents == 0
        by_cust[cust].append((date, cents))

first_day_zero = all_repeat_zero = with_repeat = all_rows_zero = repeat_rows = repeat_zero_rows = 0
for cust, txs in by_cust.items():
    first = min(d for d, _ in txs)
    repeat = [c for d, c in txs if d > first]     # rows dated after the first purchase day
    repeat_rows += len(repeat)
    repeat_zero_rows += sum(1 for c in repeat if c == 0)
    if repeat:
        with_repeat += 1
        all_repeat_zero += all(c == 0 for c in repeat)
    first_day_zero += all(c == 0 for d, c in txs if d == first)
    all_rows_zero += all(c == 0 for _, c in txs)

print(f"data rows                                   {rows}")
print(f"rows with dollar_value 0.00                 {zero_rows}")
print(f"customers                                   {len(by_cust)}")
print(f"customers with a repeat purchase day        {with_repeat}")
print(f"repeat rows (after first purchase day)      {repeat_rows}")
print(f"repeat rows at 0.00                         {repeat_zero_rows}")
print(f"customers whose repeat rows are ALL 0.00    {all_repeat_zero}")
print(f"customers whose first-day rows are all 0.00 {first_day_zero}")
print(f"customers whose every row is 0.00           {all_rows_zero}")
