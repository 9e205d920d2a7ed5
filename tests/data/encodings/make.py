#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 Retention Calculator contributors
"""Writes the same small orders file in UTF-8, GB18030 and UTF-16LE (Excel "Unicode text": BOM,
tabs, CRLF), for tests/wasm/analyze.test.mjs. Node has no GB18030 encoder, hence committed bytes.
Deterministic: run it again and git sees no change."""
import pathlib

here = pathlib.Path(__file__).parent
names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴霞", "徐丽", "孙涛"]
rows = []
seed = 20240305
for i in range(72):
    seed = (seed * 1103515245 + 12345) % 2147483648
    customer = names[(seed >> 8) % len(names)] + ("" if i % 5 else "（VIP）")
    month = 1 + (seed >> 12) % 12
    day = 1 + (seed >> 16) % 28
    cents = 990 + (seed >> 4) % 50000
    rows.append([customer, f"2024-{month:02d}-{day:02d}", f"{cents // 100}.{cents % 100:02d}", str(1 + seed % 3)])
rows.insert(40, ["孙涛", "2024-06-15", "-5.00", "1"])  # one refund line: a negative amount
header = ["客户ID", "订单日期", "金额", "数量"]

utf8 = "".join(",".join(r) + "\n" for r in [header] + rows)
(here / "orders-zh-utf8.csv").write_bytes(utf8.encode("utf-8"))
crlf = "".join(",".join(r) + "\r\n" for r in [header] + rows)
(here / "orders-zh-gb18030.csv").write_bytes(crlf.encode("gb18030"))
tabs = "".join("\t".join(r) + "\r\n" for r in [header] + rows)
(here / "orders-zh-utf16le.txt").write_bytes(b"\xff\xfe" + tabs.encode("utf-16-le"))
