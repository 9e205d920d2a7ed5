#!/usr/bin/env python3
"""Writes every export-shaped CSV of tests/data/exports/ (deterministic: fixed seeds).

    python3 tests/data/exports/make.py

Each writer builds its rows, then serialises them byte-exactly (encoding, BOM,
line ends, quoting) the way the real tool writes them; README.md says where each
shape comes from. This script computes NO expected figure: those come from
expected.mjs, which reads the written files back on its own.
"""
import calendar
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- serialising
class Raw(str):
    """A field written verbatim, never quoted (Taobao's ="123" order numbers)."""


class Q(str):
    """A field always quoted (Shopify writes some empty fields as "")."""


PHP_SPECIAL = ',"\r\n\t \\'   # PHP fputcsv() also quotes fields holding a space, a tab or a backslash


def field(value, quote_all):
    if isinstance(value, Raw):
        return str(value)
    s = "" if value is None else str(value)
    special = PHP_SPECIAL if quote_all == "php" else ',"\r\n'
    if quote_all is True or isinstance(value, Q) or any(ch in s for ch in special):
        return '"' + s.replace('"', '""') + '"'
    return s


def line(values, quote_all=False):
    return ",".join(field(v, quote_all) for v in values)


def write(name, rows, *, encoding="utf-8", bom=False, eol="\n", quote_all=False, quote_rows=None):
    """rows: list of lists. quote_rows: optional set of row indexes written with every field quoted."""
    out = []
    for i, r in enumerate(rows):
        out.append(line(r, True if (quote_rows is not None and i in quote_rows) else quote_all))
    text = eol.join(out) + eol
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    return len(rows)


def money(x):
    return f"{x:.2f}"


def rnd_time(r, day, lo=9, hi=22):
    """A wall-clock time between lo:00 and hi:59 on `day`."""
    return dt.datetime(day.year, day.month, day.day, r.randint(lo, hi), r.randint(0, 59), r.randint(0, 59))


def rnd_day(r, start, end):
    return start + dt.timedelta(days=r.randint(0, (end - start).days))


H1_START, H1_END = dt.date(2024, 1, 2), dt.date(2024, 6, 28)


# ---------------------------------------------------------------- 1. Shopify
SHOPIFY_HEADER = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing",
    "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
    "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price", "Lineitem sku",
    "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing Street",
    "Billing Address1", "Billing Address2", "Billing Company", "Billing City", "Billing Zip", "Billing Province",
    "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street", "Shipping Address1", "Shipping Address2",
    "Shipping Company", "Shipping City", "Shipping Zip", "Shipping Province", "Shipping Country", "Shipping Phone",
    "Notes", "Note Attributes", "Cancelled at", "Payment Method", "Payment Reference", "Refunded Amount", "Vendor",
    "Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags", "Risk Level", "Source",
    "Lineitem discount", "Tax 1 Name", "Tax 1 Value", "Tax 2 Name", "Tax 2 Value", "Tax 3 Name", "Tax 3 Value",
    "Tax 4 Name", "Tax 4 Value", "Tax 5 Name", "Tax 5 Value", "Phone", "Receipt Number", "Duties",
    "Billing Province Name", "Shipping Province Name", "Payment ID", "Payment Terms Name", "Next Payment Due At",
    "Payment References",
]
PRODUCTS = [("Oolong Tea 100g", 12.00, 15.00), ("Jasmine Pearls 50g", 18.50, ""), ("Tea Kettle", 79.00, 99.00),
            ("Matcha Starter Kit", 35.00, ""), ("Gaiwan Set", 49.99, 59.99), ("Tea Sampler", 24.00, ""),
            ("Cast Iron Teapot", 120.00, "")]
FIRST = ["Ava", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Henry", "Isla", "Jack", "Kai", "Lily", "Mason",
         "Nora", "Owen", "Pia", "Quinn", "Ruby", "Sam", "Tara", "Uma", "Vera", "Wes", "Xena", "Yuki", "Zoe", "Liam",
         "Mia", "Noah", "Olive", "Parker", "Rosa", "Theo", "Una", "Victor", "Wren", "Yara", "Zane", "Abel", "Bea"]
LAST = ["Tan", "Lim", "Ng", "Wong", "Chen", "Lee", "Goh", "Koh", "Teo", "Ong"]
CITIES = [("Singapore", "'018956", "", "SG"), ("Hong Kong", "", "", "HK"), ("Boston", "'02139", "MA", "US"),
          ("Newark", "'07102", "NJ", "US"), ("Perth", "6000", "WA", "AU")]


def make_shopify():
    r = random.Random(1001)
    tz = "+0800"  # shop time zone; all wall-clock times are 08:00-23:59 so the UTC date is the same day
    customers = []
    for i in range(40):
        fn, ln = FIRST[i], LAST[i % len(LAST)]
        customers.append((f"{fn} {ln}", f"{fn.lower()}.{ln.lower()}{i}@example.com", r.choice(CITIES)))
    weights = [("paid", 64), ("partially_refunded", 7), ("refunded", 6), ("voided", 4), ("pending", 5),
               ("authorized", 4), ("partially_paid", 5), ("expired", 3)]
    pool = [s for s, w in weights for _ in range(w)]
    forced = ["paid", "partially_refunded", "refunded", "voided", "pending", "authorized", "partially_paid", "expired"]
    rows = [SHOPIFY_HEADER]
    n_orders = 112
    days = sorted(rnd_day(r, H1_START, H1_END) for _ in range(n_orders))
    for k in range(n_orders):
        number = 1001 + k
        name, email, (city, zipc, prov, country) = r.choice(customers[:32] if k % 5 else customers)
        status = forced[k // 14] if k % 14 == 3 and k // 14 < len(forced) else r.choice(pool)
        created = rnd_time(r, days[k], 8, 23)
        special = None
        if number == 1010:
            special = "zero"            # 100 % discount: a $0.00 paid order
        if number == 1027:
            special = "goods_refunded"  # partially_refunded, every item refunded, shipping kept
        if number == 1044:
            special = "paid_next_day"   # created late on 2024-04-30, paid on 2024-05-01
            created = dt.datetime(2024, 4, 30, 23, 50, 12)
        if special in ("zero",):
            status = "paid"
        if special in ("goods_refunded",):
            status = "partially_refunded"
        if special == "paid_next_day":
            status = "paid"
        nlines = r.choice([1, 1, 1, 2, 2, 3])
        items = []
        for _ in range(nlines):
            p = r.choice(PRODUCTS)
            if any(p[0] == it[0][0] for it in items):
                continue
            items.append((p, r.choice([1, 1, 1, 2, 3])))
        gross = round(sum(p[1] * q for p, q in items), 2)
        code, discount = "", 0.0
        if special == "zero":
            code, discount = "FREEGIFT", gross
        elif r.random() < 0.2:
            code = r.choice(["WELCOME10", "SPRING5"])
            discount = round(gross * 0.10, 2) if code == "WELCOME10" else min(5.0, gross)
        subtotal = round(gross - discount, 2)
        shipping = 0.0 if special == "zero" or subtotal >= 100 else r.choice([0.0, 5.0, 8.0])
        taxes = 0.0 if special in ("zero", "goods_refunded") or r.random() < 0.5 else round(subtotal * 0.08, 2)
        total = round(subtotal + shipping + taxes, 2)
        refunded, outstanding = 0.0, 0.0
        if status == "partially_refunded":
            refunded = subtotal if special == "goods_refunded" else round(min(items[0][0][1], subtotal / 2), 2)
        elif status == "refunded":
            refunded = total
        elif status == "partially_paid":
            outstanding = round(total / 2, 2)
        paid_at = ""
        if status in ("paid", "partially_paid", "partially_refunded", "refunded"):
            if special == "paid_next_day":
                paid_at = "2024-05-01 09:10:44 " + tz
            else:
                paid_at = (created + dt.timedelta(seconds=r.randint(3, 50))).strftime("%Y-%m-%d %H:%M:%S ") + tz
        fulfil = {"paid": r.choice(["fulfilled", "fulfilled", "unfulfilled", "partial"]),
                  "partially_refunded": "fulfilled", "refunded": "restocked", "partially_paid": "unfulfilled",
                  "voided": "unfulfilled", "pending": "unfulfilled", "authorized": "unfulfilled",
                  "expired": "unfulfilled"}[status]
        fulfilled_at = ""
        if fulfil == "fulfilled":
            fulfilled_at = (created + dt.timedelta(days=1, hours=2)).strftime("%Y-%m-%d %H:%M:%S ") + tz
        cancelled_at = ""
        if status in ("voided", "expired"):
            cancelled_at = (created + dt.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S ") + tz
        created_s = created.strftime("%Y-%m-%d %H:%M:%S ") + tz
        note = "Leave at the door, thanks\nRing twice" if number == 1013 else ""
        order_id = 5600000000000 + number * 7919
        for li, (p, qty) in enumerate(items):
            pname, price, compare = p
            sku = "TEA-" + "".join(w[0] for w in pname.split()).upper()
            row = {h: "" for h in SHOPIFY_HEADER}
            row.update({"Name": f"#{number}", "Email": email, "Created at": created_s, "Lineitem quantity": qty,
                        "Lineitem name": pname, "Lineitem price": money(price),
                        "Lineitem compare at price": money(compare) if compare != "" else "",
                        "Lineitem sku": sku, "Lineitem requires shipping": "true", "Lineitem taxable": "true",
                        "Lineitem fulfillment status": "fulfilled" if fulfil == "fulfilled" else "pending",
                        "Vendor": "Leaf & Co", "Lineitem discount": "0.00"})
            if li == 0:
                row.update({
                    "Financial Status": status, "Paid at": paid_at, "Fulfillment Status": fulfil,
                    "Fulfilled at": fulfilled_at, "Accepts Marketing": r.choice(["yes", "no"]), "Currency": "USD",
                    "Subtotal": money(subtotal), "Shipping": money(shipping), "Taxes": money(taxes),
                    "Total": money(total), "Discount Code": code, "Discount Amount": money(discount),
                    "Shipping Method": "Standard" if shipping else ("Free Shipping" if subtotal else ""),
                    "Billing Name": name, "Billing Street": f"{10 + number % 80} Harbour Road",
                    "Billing Address1": f"{10 + number % 80} Harbour Road", "Billing City": city,
                    "Billing Zip": zipc, "Billing Province": prov, "Billing Country": country,
                    "Billing Phone": "", "Shipping Name": name,
                    "Shipping Street": f"{10 + number % 80} Harbour Road",
                    "Shipping Address1": f"{10 + number % 80} Harbour Road", "Shipping City": city,
                    "Shipping Zip": zipc, "Shipping Province": prov, "Shipping Country": country,
                    "Notes": note, "Note Attributes": Q(""), "Cancelled at": cancelled_at,
                    "Payment Method": "Shopify Payments", "Payment Reference": f"c{order_id}.1",
                    "Refunded Amount": money(refunded), "Outstanding Balance": money(outstanding),
                    "Id": order_id, "Tags": Q(""), "Risk Level": "Low", "Source": "web",
                    "Tax 1 Name": "Sales Tax 8%" if taxes else "", "Tax 1 Value": money(taxes) if taxes else "",
                    "Payment ID": f"c{order_id}.1", "Payment References": f"c{order_id}.1",
                })
            rows.append([row[h] for h in SHOPIFY_HEADER])
    return write("shopify-orders.csv", rows, encoding="utf-8", bom=False, eol="\n")


# ---------------------------------------------------------------- 2. WooCommerce
WOO_HEADER = [
    "order_id", "order_number", "order_date", "paid_date", "status", "shipping_total", "shipping_tax_total",
    "fee_total", "fee_tax_total", "tax_total", "cart_discount", "order_discount", "discount_total", "order_total",
    "order_subtotal", "order_currency", "payment_method", "payment_method_title", "transaction_id",
    "customer_ip_address", "customer_user_agent", "shipping_method", "customer_id", "customer_user",
    "customer_email", "billing_first_name", "billing_last_name", "billing_company", "billing_email", "billing_phone",
    "billing_address_1", "billing_address_2", "billing_postcode", "billing_city", "billing_state", "billing_country",
    "shipping_first_name", "shipping_last_name", "shipping_company", "shipping_phone", "shipping_address_1",
    "shipping_address_2", "shipping_postcode", "shipping_city", "shipping_state", "shipping_country",
    "customer_note", "wt_import_key", "shipping_items", "fee_items", "tax_items", "coupon_items", "refund_items",
    "order_notes", "download_permissions", "meta:wpml_language", "line_item_1", "line_item_2", "line_item_3",
]
WOO_PRODUCTS = [("Merino Beanie", 101, "MB-01", 25.00), ("Wool Socks (3 pack)", 102, "WS-03", 18.00),
                ("Alpaca Scarf", 103, "AS-01", 64.00), ("Knitting Kit", 104, "KK-01", 42.50),
                ("Yarn Bundle", 105, "YB-10", 30.00)]


def make_woocommerce():
    r = random.Random(2002)
    people = []
    for i in range(30):
        fn, ln = FIRST[(i + 7) % len(FIRST)], LAST[(i + 3) % len(LAST)]
        people.append({"id": 12 + i * 3, "first": fn, "last": ln, "email": f"{fn.lower()}{i}@mail.example.org"})
    guests = [{"id": 0, "first": FIRST[i], "last": "Guest", "email": f"guest{i}@shop.example.net"} for i in range(6)]
    # a registered customer (people[4]) also checks out once as a guest with the same e-mail address
    guests.append({"id": 0, "first": people[4]["first"], "last": people[4]["last"], "email": people[4]["email"]})
    statuses = ["completed"] * 62 + ["processing"] * 10 + ["refunded"] * 6 + ["cancelled"] * 6 + ["failed"] * 5 + \
               ["on-hold"] * 5 + ["pending"] * 6
    rows = [WOO_HEADER]
    n_orders = 92
    days = sorted(rnd_day(r, H1_START, H1_END) for _ in range(n_orders))
    order_rows, parents = [], []
    next_id = 4101
    for k in range(n_orders):
        who = r.choice(guests) if k % 6 == 5 else r.choice(people[:24] if k % 4 else people)
        if k == 40:
            who = guests[-1]
        status = r.choice(statuses)
        if k < 7:
            status = ["completed", "processing", "refunded", "cancelled", "failed", "on-hold", "pending"][k]
        created = rnd_time(r, days[k], 7, 22)
        items = r.sample(WOO_PRODUCTS, r.choice([1, 1, 2, 2, 3]))
        qtys = [r.choice([1, 1, 2]) for _ in items]
        subtotal = round(sum(p[3] * q for p, q in zip(items, qtys)), 2)
        discount = round(subtotal * 0.15, 2) if r.random() < 0.2 else 0.0
        zero = k == 33
        if zero:
            status, discount = "completed", subtotal  # 100 % coupon: a $0.00 completed order
        shipping = 0.0 if zero or subtotal > 80 else 6.50
        tax = 0.0 if zero else round((subtotal - discount) * 0.05, 2)
        total = round(subtotal - discount + shipping + tax, 2)
        paid = ""
        if status in ("completed", "processing", "refunded"):
            paid = (created + dt.timedelta(minutes=r.randint(0, 3), seconds=r.randint(1, 59))).strftime("%Y-%m-%d %H:%M:%S")
        oid = next_id
        next_id += r.randint(1, 4)
        li = []
        for n, ((pname, pid, sku, price), q) in enumerate(zip(items, qtys)):
            li.append(f"name:{pname}|product_id:{pid}|sku:{sku}|quantity:{q}|total:{money(price * q)}|"
                      f"sub_total:{money(price * q)}|tax:{money(0 if zero else round(price * q * 0.05, 2))}")
        li += [""] * (3 - len(li))
        row = {h: "" for h in WOO_HEADER}
        row.update({
            "order_id": oid, "order_number": oid, "order_date": created.strftime("%Y-%m-%d %H:%M:%S"),
            "paid_date": paid, "status": status, "shipping_total": money(shipping), "shipping_tax_total": "0.00",
            "fee_total": "0.00", "fee_tax_total": "0.00", "tax_total": money(tax), "cart_discount": money(discount),
            "order_discount": "0.00", "discount_total": money(discount), "order_total": money(total),
            "order_subtotal": money(subtotal), "order_currency": "USD", "payment_method": "stripe",
            "payment_method_title": "Credit Card (Stripe)", "transaction_id": f"ch_3P{oid:06d}QwErTy" if paid else "",
            "customer_ip_address": f"203.0.113.{k % 250 + 1}", "customer_user_agent": "Mozilla/5.0",
            "shipping_method": "Flat rate" if shipping else "Free shipping", "customer_id": who["id"],
            "customer_user": who["id"], "customer_email": who["email"], "billing_first_name": who["first"],
            "billing_last_name": who["last"], "billing_email": who["email"], "billing_phone": "555-0100",
            "billing_address_1": "1 Loom Street", "billing_postcode": "97201", "billing_city": "Portland",
            "billing_state": "OR", "billing_country": "US", "shipping_first_name": who["first"],
            "shipping_last_name": who["last"], "shipping_address_1": "1 Loom Street", "shipping_postcode": "97201",
            "shipping_city": "Portland", "shipping_state": "OR", "shipping_country": "US",
            "shipping_items": f"method_id:{'flat_rate' if shipping else 'free_shipping'}|total:{money(shipping)}",
            "coupon_items": f"code:knit15|amount:{money(discount)}" if discount and not zero else
            ("code:free100|amount:" + money(discount) if zero else ""),
            "tax_items": f"code:US-OR-TAX-1|total:{money(tax)}" if tax else "",
            "download_permissions": "1" if paid else "0", "meta:wpml_language": "en",
            "line_item_1": li[0], "line_item_2": li[1], "line_item_3": li[2],
        })
        order_rows.append((created, row))
        if status == "completed" and subtotal - discount >= 30 and not zero:
            parents.append((created, row, who))
    # refunds: separate shop_order_refund records, NEGATIVE totals, stored status "completed"
    refunds = []
    for n, (created, parent, who) in enumerate(parents[1:12:2]):
        amount = 10.00 if n % 2 else 15.00
        when = created + dt.timedelta(days=3 + n * 2, hours=1)
        if n == 2:
            when = created + dt.timedelta(days=40)  # refunded in a later month than the purchase
        if when.date() > dt.date(2024, 6, 30):
            when = dt.datetime(2024, 6, 30, 15, 0, 0)
        row = {h: "" for h in WOO_HEADER}
        row.update({
            "order_id": 9001 + n, "order_number": parent["order_number"],
            "order_date": when.strftime("%Y-%m-%d %H:%M:%S"), "paid_date": when.strftime("%Y-%m-%d %H:%M:%S"),
            "status": "completed", "shipping_total": "0.00", "shipping_tax_total": "0.00", "fee_total": "0.00",
            "fee_tax_total": "0.00", "tax_total": "0.00", "cart_discount": "0.00", "order_discount": "0.00",
            "discount_total": "0.00", "order_total": money(-amount), "order_subtotal": money(-amount),
            "order_currency": "USD", "payment_method": "stripe", "payment_method_title": "Credit Card (Stripe)",
            "customer_id": who["id"], "customer_user": who["id"], "customer_email": who["email"],
            "billing_first_name": who["first"], "billing_last_name": who["last"], "billing_email": who["email"],
            "customer_note": "Refund: item arrived damaged" if n % 2 == 0 else "Refund: partial goodwill",
            "meta:wpml_language": "en",
        })
        refunds.append((when, row))
    allrows = sorted(order_rows + refunds, key=lambda t: (t[0], int(t[1]["order_id"])))
    for _, row in allrows:
        rows.append([row[h] for h in WOO_HEADER])
    return write("woocommerce-orders.csv", rows, encoding="utf-8", bom=False, eol="\n", quote_all="php")


# ---------------------------------------------------------------- 3. Taobao (千牛 / 卖家中心 "已卖出的宝贝" 订单报表)
TAOBAO_HEADER = [
    "订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "买家支付积分", "总金额", "返点积分",
    "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言", "收货人姓名", "收货地址 ", "运送方式", "联系电话 ",
    "联系手机", "订单创建时间", "订单付款时间 ", "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司", "订单备注",
    "宝贝总数量", "店铺Id", "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单",
    "分阶段订单信息", "特权订金订单id", "定金排名", "修改后的sku", "修改后的收货地址", "异常信息", "天猫卡券抵扣",
    "集分宝抵扣", "是否是O2O交易", "退款金额", "确认收货时间", "打款商家金额",
]
TB_NICKS = ["幸福蔓岩1627", "tb_小明88", "快乐的鱼", "𠮷野家的猫", "北京小王", "lucy_2019", "阿花阿花", "风吹麦浪",
            "zhang_san", "李四同学", "甜甜圈007", "夏天的风", "海绵宝宝", "cc_candy", "大大的梦", "橙子味",
            "墨墨", "tb8823776", "青青子衿", "小熊饼干", "jason_w", "糖糖", "一路向北", "咖啡不加糖", "木子李",
            "七月", "星星点灯", "杭州小周", "tb_33218", "慢慢来", "hello_kitty", "阿杰", "茉莉花茶", "乐乐妈",
            "深圳老陈"]
TB_ITEMS = [("日本直邮mamakids洗面奶护肤套装", 198.00), ("无线蓝牙耳机 降噪版", 299.00), ("纯棉四件套 1.8m床", 459.00),
            ("手工红糖 500g", 36.80), ("保温杯 316不锈钢", 89.00), ("猫粮 成猫 10kg", 268.00), ("数据线 快充 2条装", 19.90)]
TB_CITIES = ["浙江省 杭州市 西湖区 文三路100号(310012)", "北京 北京市 朝阳区 建国路88号(100022)",
             "广东省 深圳市 南山区 科技园南区(518057)", "上海 上海市 浦东新区 世纪大道1号(200120)",
             "吉林省 通化市 柳河县 柳河镇紫御府 七号楼 3单元 201室(135300)"]


def make_taobao():
    r = random.Random(3003)
    pool = ["交易成功"] * 58 + ["交易关闭"] * 16 + ["等待买家付款"] * 6 + ["买家已付款，等待卖家发货"] * 10 + \
           ["卖家已发货，等待买家确认"] * 10
    rows = [TAOBAO_HEADER]
    n_orders = 84
    days = sorted(rnd_day(r, H1_START, H1_END) for _ in range(n_orders))
    for k in range(n_orders):
        nick = r.choice(TB_NICKS[:28] if k % 3 else TB_NICKS)
        status = r.choice(pool)
        title, price = r.choice(TB_ITEMS)
        qty = r.choice([1, 1, 1, 2])
        goods = round(price * qty, 2)
        special = {7: "zero", 19: "closed_unpaid", 23: "closed_refunded", 31: "partial_refund",
                   45: "partial_refund", 52: "closed_unpaid", 60: "closed_refunded", 66: "partial_refund"}.get(k)
        if special == "zero":
            title, goods, status, qty = "0元试用装 洗面奶 10ml", 0.0, "交易成功", 1
        elif special == "closed_unpaid":
            status = "交易关闭"
        elif special == "closed_refunded":
            status = "交易关闭"
        elif special == "partial_refund":
            status = "交易成功"
        elif status == "交易关闭":
            special = r.choice(["closed_unpaid", "closed_refunded"])
        post = 0.0 if special == "zero" or goods >= 99 else r.choice([0.0, 6.0, 10.0])
        total = round(goods + post, 2)
        created = rnd_time(r, days[k], 0, 23)
        unpaid = status == "等待买家付款" or special == "closed_unpaid"
        paid_s = "" if unpaid else (created + dt.timedelta(minutes=r.randint(0, 20), seconds=r.randint(0, 59))).strftime("%Y-%m-%d %H:%M:%S")
        hongbao = 5.0 if (not unpaid and r.random() < 0.15 and total > 50) else 0.0  # platform coupon: buyer pays less
        actual = 0.0 if unpaid else round(total - hongbao, 2)
        refund = 0.0
        if special == "closed_refunded":
            refund = goods
        elif special == "partial_refund":
            refund = round(min(price, goods / 2), 2) if qty > 1 else round(goods * 0.2, 2)
        close_reason = "订单未关闭"
        if special == "closed_unpaid":
            close_reason = "买家未付款"
        elif special == "closed_refunded":
            close_reason = "退款"
        confirm = ""
        payout = 0.0
        if status == "交易成功":
            confirm = (created + dt.timedelta(days=7, hours=2)).strftime("%Y-%m-%d %H:%M:%S")
            payout = round(actual - refund, 2)
        order_no = str(1930679858170647000 + k * 1000003 + r.randint(0, 999))
        logistics = "" if unpaid or status == "买家已付款，等待卖家发货" else str(773000000000 + r.randint(0, 99999999))
        row = [
            Raw(f'="{order_no}"'), nick, f"{r.randint(1000000, 9999999)}@qq.com", money(goods), money(post), 0,
            money(total), 0, money(actual), 0, status, "", "收货人" + str(k % 17), r.choice(TB_CITIES), "快递", "",
            f"'1{r.randint(3000000000, 8999999999)}", created.strftime("%Y-%m-%d %H:%M:%S"), paid_s, title, 1,
            logistics, "中通快递" if logistics else "", "", qty, "62551837", "叶子家小铺", close_reason, 0, "0元", "",
            "手机订单" if r.random() < 0.8 else "", "", "", "", "", "", "", "0.00", "0.00", "否", money(refund),
            confirm, f"{money(payout)}元",
        ]
        rows.append(row)
    # header fields are quoted (as in the real file); data rows quote only the text that needs it
    return write("taobao-orders-gb18030.csv", rows, encoding="gb18030", bom=False, eol="\r\n", quote_rows={0})


# ---------------------------------------------------------------- 4. JD (京东商家后台 订单导出)
JD_HEADER = [
    "订单号", "商品ID", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额", "结算金额", "余额支付",
    "应付金额", "订单状态", "订单类型", "下单帐号", "客户姓名", "客户地址", "联系电话", "订单备注", "发票类型",
    "发票抬头", "发票内容", "商家备注", "商家备注等级（等级1-5为由高到低）", "运费金额", "付款确认时间", "增值税发票",
    "货号", "订单完成时间", "订单来源", "订单渠道",
]
JD_SKUS = [(1953814331, "施华洛世奇水晶 珍珠银饰 套装", 758.00), (100012043978, "电动牙刷 声波 成人款", 199.00),
           (100008348542, "空气炸锅 4.5L 家用", 329.00), (5089253, "抽纸 3层120抽*24包", 49.90),
           (100016034400, "儿童保温杯 500ml", 89.00), (100003688077, "机械键盘 青轴", 269.00)]


def make_jd():
    r = random.Random(4004)
    accounts = [f"jd_{r.randrange(16**8):08x}" for _ in range(26)] + ["rds3199358", "wangdongyang_2015"]
    names = ["王冬阳", "李静", "张伟", "刘洋", "陈晨", "杨帆", "赵磊", "黄敏", "周杰", "吴婷", "徐明", "孙丽", "马超",
             "朱琳", "胡军", "郭涛", "何雪", "高远", "林峰", "罗娟", "梁宇", "宋佳", "郑浩", "谢娜", "韩梅", "唐宁",
             "冯刚", "邓丽"]
    pool = ["完成"] * 60 + ["等待确认收货"] * 12 + ["等待出库"] * 10 + ["已取消"] * 12
    rows = [JD_HEADER]
    n_orders = 72
    days = sorted(rnd_day(r, H1_START, H1_END) for _ in range(n_orders))
    for k in range(n_orders):
        ai = r.randrange(len(accounts)) if k % 4 else r.randrange(18)
        acct, cname = accounts[ai], names[ai]
        status = r.choice(pool)
        cod = k in (11, 38)  # 货到付款: no 付款确认时间 even though the order is 完成
        if cod:
            status = "完成"
        if k == 57:
            status = "(删除)等待出库"  # merchant-deleted order (split into others)
        skus = r.sample(JD_SKUS, r.choice([1, 1, 2, 2, 3]))
        qtys = [r.choice([1, 1, 2]) for _ in skus]
        goods = round(sum(s[2] * q for s, q in zip(skus, qtys)), 2)
        freight = 0.0 if goods >= 99 else 6.0
        order_amt = round(goods + freight, 2)
        discount = round(goods * 0.15, 2) if r.random() < 0.35 else 0.0
        payable = round(order_amt - discount, 2)
        created = rnd_time(r, days[k], 0, 23)
        unpaid_cancel = status == "已取消" and r.random() < 0.5
        pay = "" if cod or unpaid_cancel else (created + dt.timedelta(seconds=r.randint(20, 600))).strftime("%Y-%m-%d %H:%M:%S")
        done = (created + dt.timedelta(days=4)).strftime("%Y-%m-%d %H:%M:%S") if status == "完成" else ""
        order_no = str(11729384072 + k * 1311 + r.randint(0, 99))
        # Paid partly from the account's balance: 应付金额 is what was left to pay.
        balance = min(50.0, payable) if k in (5, 23, 40) and status == "完成" else 0.0
        for (sid, sname, price), q in zip(skus, qtys):
            rows.append([
                order_no, sid, Q(sname), q, "货到付款" if cod else "在线支付", created.strftime("%Y-%m-%d %H:%M:%S"),
                money(price), money(order_amt), money(payable), money(balance), money(round(payable - balance, 2)), status, "销售订单", acct,
                Q(cname), Q("江西南昌市青山湖区昌东工业区" + str(k) + "号"), Q(f"1{r.randint(3000000000, 8999999999)}"),
                "", "电子发票" if r.random() < 0.5 else "", "", "", Q("订单拆分" if status.startswith("(删除)") else ""),
                "", money(freight), pay, "", "", done, r.choice(["移动端订单", "PC订单"]), "暂无来源",
            ])
    return write("jd-orders.csv", rows, encoding="utf-8", bom=True, eol="\r\n")


# ---------------------------------------------------------------- 5. 有赞 Youzan
YZ_HEADER = [
    "订单号", "销售渠道", "归属店铺", "订单类型", "订单状态", "推广方式", "订单来源", "订单创建时间", "买家付款时间",
    "交易成功时间", "付款方式", "支付流水号", "商品金额合计", "运费", "店铺优惠合计", "应收订单金额", "订单实付金额",
    "支付优惠合计", "订单实收金额", "订单抵用积分数", "店铺优惠方式", "支付优惠方式", "全部商品名称", "商品种类数",
    "订单配送方式", "同城送达时间/提货时间", "收货人省份", "收货人城市", "收货人地区", "详细收货地址/提货地址",
    "收货人/提货人", "收货人手机号/提货人手机号", "买家备注", "订单星级", "买家昵称", "买家是否会员", "买家手机号",
    "下单网点", "收银员", "分销员", "销售导购", "专属导购", "订单退款状态", "订单已退款金额", "商家订单备注", "桌号",
    "挂账主体", "挂账手机号", "团长订单", "订单风险标签", "分销员", "分销员手机号", "分销员所属店铺", "分销员所属团队",
    "分销员所属分组", "分销员等级", "订单佣金类型", "订单佣金金额", "订单下级卖货提成类型", "订单下级卖货提成金额",
]
YZ_ITEMS = [("草莓蛋糕 6寸", 168.00), ("芒果千层", 88.00), ("曲奇礼盒", 59.90), ("生日蜡烛套装", 9.90),
            ("提拉米苏", 36.00), ("全麦吐司", 18.80)]


def make_youzan():
    r = random.Random(5005)
    phones = [f"1{r.choice([38, 39, 58, 86, 77])}{r.randint(10000000, 99999999)}" for _ in range(30)]
    nicks = ["Alice", "小鱼", "芸芸", "王先生", "Momo", "阿乐", "可可", "Sunny", "大橘", "Ivy"] * 3
    pool = ["交易完成"] * 60 + ["已发货"] * 10 + ["待发货"] * 10 + ["交易关闭"] * 12 + ["待付款"] * 8
    rows = [YZ_HEADER]
    n_orders = 74
    days = sorted(rnd_day(r, H1_START, H1_END) for _ in range(n_orders))
    for k in range(n_orders):
        bi = r.randrange(30) if k % 3 else r.randrange(20)
        phone, nick = phones[bi], nicks[bi]
        status = r.choice(pool)
        items = r.sample(YZ_ITEMS, r.choice([1, 1, 2, 3]))
        qtys = [r.choice([1, 1, 2]) for _ in items]
        goods = round(sum(p * q for (_, p), q in zip(items, qtys)), 2)
        shop_disc = round(goods * 0.1, 2) if r.random() < 0.25 else 0.0
        special = {5: "zero", 17: "full_refund_done", 29: "partial", 44: "partial", 61: "closed_refund"}.get(k)
        if special == "zero":
            items, qtys, goods, shop_disc, status = [("生日蜡烛套装", 9.90)], [1], 9.90, 9.90, "交易完成"
        if special in ("full_refund_done", "partial"):
            status = "交易完成"
        if special == "closed_refund":
            status = "交易关闭"
        freight = 0.0 if goods >= 60 or special == "zero" else 8.0
        receivable = round(goods + freight - shop_disc, 2)
        unpaid = status == "待付款" or (status == "交易关闭" and special != "closed_refund")
        created = rnd_time(r, days[k], 8, 21)
        pay = "" if unpaid else (created + dt.timedelta(seconds=r.randint(10, 300))).strftime("%Y-%m-%d %H:%M:%S")
        done = (created + dt.timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S") if status == "交易完成" else ""
        paid_amt = 0.0 if unpaid else receivable
        refund_state, refunded = "", 0.0
        if special == "full_refund_done" or special == "closed_refund":
            refund_state, refunded = "全额退款", round(goods - shop_disc, 2)
        elif special == "partial":
            refund_state, refunded = "部分退款", round(min(items[0][1], (goods - shop_disc) / 2), 2)
        row = [
            f"E2024{created:%m%d%H%M%S}{k:04d}", "网店", "芸熙烘焙", "普通订单", status, "", "微信小程序",
            created.strftime("%Y-%m-%d %H:%M:%S"), pay, done, "" if unpaid else "微信支付",
            "" if unpaid else f"4200{r.randint(10**15, 10**16 - 1)}", money(goods), money(freight), money(shop_disc),
            money(receivable), money(paid_amt), "0.00", money(paid_amt), 0, "优惠券" if shop_disc else "", "",
            "；".join(n for n, _ in items), len(items), "快递发货", "", "浙江省", "杭州市", "西湖区",
            "文三路" + str(100 + k) + "号", nick, phone, "", "", nick, "是" if bi % 2 else "否", phone, "", "", "", "",
            "", refund_state, money(refunded), "", "", "", "", "否", "", "", "", "", "", "", "", "", "", "", "",
        ]
        rows.append(row)
    return write("youzan-orders.csv", rows, encoding="utf-8", bom=False, eol="\n")


# ---------------------------------------------------------------- 6./8. Stripe subscriptions
STRIPE_HEADER = [
    "id", "Customer ID", "Customer Description", "Customer Email", "Plan", "Product", "Quantity", "Currency",
    "Interval", "Amount", "Status", "Created (UTC)", "Start (UTC)", "Start Date (UTC)", "Current Period Start (UTC)",
    "Current Period End (UTC)", "Trial Start (UTC)", "Trial End (UTC)", "Application Fee Percent", "Coupon",
    "Tax Percent", "Canceled At (UTC)", "Cancel At Period End", "Ended At (UTC)", "Customer Name",
    "Cancellation Reason", "Cancellation Comment", "Cancellation Feedback",
]
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
EXPORT_AT = dt.datetime(2024, 6, 30, 18, 0)


def sid(r, prefix, n=14):
    return prefix + "".join(r.choice(ALNUM) for _ in range(n))


def add_period(t, interval, k=1):
    if interval == "month":
        m = t.month - 1 + k
        y = t.year + m // 12
        m = m % 12 + 1
        d = min(t.day, calendar.monthrange(y, m)[1])
        return t.replace(year=y, month=m, day=d)
    if interval == "year":
        return add_period(t, "month", 12 * k)
    if interval == "week":
        return t + dt.timedelta(weeks=k)
    return t + dt.timedelta(days=k)


def period_around(start, interval, at, count=1):
    """current billing period [s, e) of a subscription started at `start`, as seen at `at`."""
    s = start
    while True:
        e = add_period(s, interval, count)
        if e > at:
            return s, e
        s = e


def stripe_row(r, *, cus, email, name, plan, product, qty, cur, interval, amount, status, start, trial_days=0,
               canceled=None, ended=None, cape=False, coupon="", reason="", created=None):
    ts = lambda t: t.strftime("%Y-%m-%d %H:%M") if t else ""
    trial_start = start if trial_days else None
    trial_end = start + dt.timedelta(days=trial_days) if trial_days else None
    at = ended or EXPORT_AT
    billing_anchor = trial_end or start
    if trial_end and trial_end > at:
        ps, pe = trial_start, trial_end
    else:
        ps, pe = period_around(billing_anchor, interval, at)
    return [sid(r, "sub_1P"), cus, "", email, plan, product, qty, cur, interval, money(amount), status,
            ts(created or start), ts(start), ts(start), ts(ps), ts(pe), ts(trial_start), ts(trial_end), "", coupon,
            "", ts(canceled), "true" if cape else "false", ts(ended), name, reason, "", ""]


def make_stripe():
    r = random.Random(6006)
    rows = [STRIPE_HEADER]
    plans = {
        "basic_m": ("price_1OxBasicMonthly01", "prod_PmBasic0001", "month", 29.00),
        "pro_m": ("price_1OxProMonthly0001", "prod_PmPro000001", "month", 79.00),
        "pro_y": ("price_1OxProAnnual00001", "prod_PmPro000001", "year", 290.00),
        "team_m": ("price_1OxTeamSeat00001", "prod_PmTeam00001", "month", 15.00),
        "club_w": ("price_1OxClubWeekly001", "prod_PmClub00001", "week", 9.00),
        "pass_d": ("price_1OxDayPass00001", "prod_PmDayPass01", "day", 2.00),
    }
    custs = []
    for i in range(26):
        fn, ln = FIRST[(i * 3) % len(FIRST)], LAST[(i * 7) % len(LAST)]
        custs.append((sid(r, "cus_P", 12), f"{fn.lower()}.{ln.lower()}@startup{i}.example", f"{fn} {ln}"))

    def T(y, m, d, hh=10, mm=0):
        return dt.datetime(y, m, d, hh, mm)

    spec = [
        # (cust, plan, qty, status, start, trial_days, canceled, ended, cape, coupon, reason)
        (0, "pro_m", 1, "canceled", T(2024, 1, 10, 9, 30), 0, T(2024, 4, 12, 10, 0), T(2024, 4, 12, 10, 0), False, "", "cancellation_requested"),
        (0, "pro_y", 1, "active", T(2024, 4, 12, 10, 5), 0, None, None, False, "", ""),   # plan change within a day
        (1, "basic_m", 1, "active", T(2023, 11, 3, 14, 20), 0, None, None, False, "", ""),
        (2, "team_m", 5, "active", T(2023, 12, 18, 8, 0), 0, None, None, False, "", ""),
        (3, "team_m", 12, "active", T(2024, 2, 6, 16, 45), 14, None, None, False, "", ""),
        (4, "pro_m", 1, "past_due", T(2024, 1, 22, 11, 11), 0, None, None, False, "", ""),
        (5, "pro_m", 1, "trialing", T(2024, 6, 20, 12, 0), 14, None, None, False, "", ""),
        (6, "basic_m", 1, "trialing", T(2024, 6, 25, 9, 0), 30, None, None, False, "", ""),
        (7, "basic_m", 1, "canceled", T(2023, 10, 5, 10, 0), 0, T(2024, 2, 20, 8, 0), T(2024, 3, 5, 10, 0), False, "", "cancellation_requested"),
        (8, "pro_y", 1, "active", T(2023, 9, 1, 7, 0), 0, None, None, False, "", ""),
        (9, "pro_m", 1, "active", T(2024, 3, 14, 15, 0), 0, T(2024, 6, 2, 9, 0), None, True, "", "cancellation_requested"),
        (10, "basic_m", 1, "unpaid", T(2024, 1, 8, 13, 0), 0, None, None, False, "", ""),
        (11, "pro_m", 1, "incomplete", T(2024, 6, 29, 20, 0), 0, None, None, False, "", ""),
        (12, "basic_m", 1, "incomplete_expired", T(2024, 5, 3, 10, 0), 0, None, T(2024, 5, 4, 10, 0), False, "", ""),
        (13, "pro_m", 2, "paused", T(2024, 2, 1, 10, 0), 0, None, None, False, "", ""),
        (14, "club_w", 1, "active", T(2024, 2, 12, 18, 0), 0, None, None, False, "", ""),
        (15, "pass_d", 1, "active", T(2024, 5, 17, 6, 0), 0, None, None, False, "", ""),
        (16, "basic_m", 1, "canceled", T(2024, 1, 15, 10, 0), 7, T(2024, 1, 20, 10, 0), T(2024, 1, 22, 10, 0), False, "", "cancellation_requested"),
        (17, "pro_m", 1, "active", T(2024, 1, 30, 22, 0), 0, None, None, False, "SPRING25", ""),
        (18, "team_m", 3, "canceled", T(2023, 12, 1, 10, 0), 0, T(2024, 4, 30, 10, 0), T(2024, 5, 31, 23, 0), True, "", "payment_failed"),
        (19, "basic_m", 1, "active", T(2024, 5, 2, 9, 0), 0, None, None, False, "", ""),
        (20, "pro_y", 1, "active", T(2024, 3, 3, 3, 0), 0, None, None, False, "", ""),
        (21, "basic_m", 1, "canceled", T(2023, 11, 20, 10, 0), 0, T(2024, 6, 10, 10, 0), T(2024, 6, 10, 10, 0), False, "", "cancellation_requested"),
        (22, "pro_m", 1, "past_due", T(2024, 4, 18, 12, 0), 0, None, None, False, "", ""),
        (23, "team_m", 4, "active", T(2024, 4, 2, 10, 0), 0, None, None, False, "", ""),
        (23, "basic_m", 1, "active", T(2024, 4, 2, 10, 5), 0, None, None, False, "", ""),  # 2 subscriptions, 1 customer
        (24, "basic_m", 1, "canceled", T(2024, 2, 14, 10, 0), 0, T(2024, 3, 31, 20, 0), T(2024, 3, 31, 20, 0), False, "", "cancellation_requested"),
        (24, "basic_m", 1, "active", T(2024, 5, 6, 11, 0), 0, None, None, False, "", ""),  # win-back after a gap
        (25, "pro_m", 1, "canceled", T(2024, 2, 2, 10, 0), 0, T(2024, 2, 28, 10, 0), T(2024, 3, 2, 10, 0), True, "", "cancellation_requested"),
        (1, "club_w", 2, "active", T(2024, 3, 25, 7, 30), 0, None, None, False, "", ""),
        (2, "pro_m", 1, "canceled", T(2024, 1, 5, 10, 0), 0, T(2024, 2, 5, 9, 0), T(2024, 2, 5, 9, 0), False, "", "cancellation_requested"),
        (3, "pro_y", 1, "trialing", T(2024, 6, 28, 8, 0), 14, None, None, False, "", ""),
        (14, "pro_m", 1, "active", T(2024, 6, 3, 10, 0), 0, None, None, False, "", ""),
        (19, "team_m", 2, "past_due", T(2024, 5, 20, 10, 0), 0, None, None, False, "", ""),
        (20, "basic_m", 1, "canceled", T(2023, 12, 12, 10, 0), 0, T(2024, 1, 12, 10, 0), T(2024, 1, 12, 10, 0), False, "", "cancellation_requested"),
        (8, "team_m", 6, "active", T(2024, 1, 19, 10, 0), 0, None, None, False, "", ""),
        (12, "basic_m", 1, "active", T(2024, 5, 4, 12, 0), 0, None, None, False, "", ""),
        (10, "pro_m", 1, "canceled", T(2023, 10, 20, 10, 0), 0, T(2024, 1, 2, 10, 0), T(2024, 1, 2, 10, 0), False, "", "payment_failed"),
        # active, set to cancel at its period's end (2024-06-30 20:00, after the export at 18:00)
        (11, "basic_m", 1, "active", T(2024, 5, 30, 20, 0), 0, T(2024, 6, 12, 9, 0), None, True, "", "cancellation_requested"),
    ]
    out = []
    for (ci, pk, qty, status, start, trial, canceled, ended, cape, coupon, reason) in spec:
        price, prod, interval, amount = plans[pk]
        cus, email, name = custs[ci]
        out.append((start, stripe_row(r, cus=cus, email=email, name=name, plan=price, product=prod, qty=qty,
                                      cur="usd", interval=interval, amount=amount, status=status, start=start,
                                      trial_days=trial, canceled=canceled, ended=ended, cape=cape, coupon=coupon,
                                      reason=reason)))
    out.sort(key=lambda t: t[0], reverse=True)  # the dashboard lists newest first
    rows += [row for _, row in out]
    return write("stripe-subscriptions.csv", rows, encoding="utf-8", bom=False, eol="\n")


def make_multicurrency():
    r = random.Random(8008)
    rows = [STRIPE_HEADER]

    def T(y, m, d, hh=10):
        return dt.datetime(y, m, d, hh, 0)

    spec = [
        ("usd", "month", 29.00, 1, "active", T(2024, 1, 4), None, None),
        ("usd", "month", 79.00, 1, "active", T(2024, 2, 9), None, None),
        ("usd", "year", 290.00, 1, "active", T(2023, 11, 11), None, None),
        ("usd", "month", 15.00, 4, "canceled", T(2024, 1, 20), T(2024, 4, 20), T(2024, 4, 20)),
        ("usd", "month", 29.00, 1, "past_due", T(2024, 5, 14), None, None),
        ("usd", "month", 29.00, 1, "trialing", T(2024, 6, 22), None, None),
        ("eur", "month", 25.00, 1, "active", T(2024, 1, 16), None, None),
        ("eur", "month", 69.00, 1, "active", T(2024, 3, 1), None, None),
        ("eur", "year", 240.00, 1, "active", T(2024, 2, 27), None, None),
        ("eur", "month", 13.00, 3, "active", T(2024, 4, 8), None, None),
        ("eur", "month", 25.00, 1, "canceled", T(2023, 12, 5), T(2024, 3, 10), T(2024, 3, 10)),
        ("eur", "month", 69.00, 1, "unpaid", T(2024, 2, 2), None, None),
        ("eur", "week", 7.00, 1, "active", T(2024, 5, 21), None, None),
        ("eur", "month", 25.00, 2, "paused", T(2024, 3, 19), None, None),
    ]
    for i in range(18):  # more ordinary subscriptions in both currencies
        cur = "usd" if i % 2 else "eur"
        interval, amount = r.choice([("month", 29.00 if cur == "usd" else 25.00), ("month", 79.00 if cur == "usd" else 69.00),
                                     ("year", 290.00 if cur == "usd" else 240.00)])
        start = T(2023, 12, 1) + dt.timedelta(days=r.randint(0, 205), hours=r.randint(0, 10))
        if r.random() < 0.3:
            ended = min(start + dt.timedelta(days=r.randint(25, 150)), T(2024, 6, 29))
            spec.append((cur, interval, amount, 1, "canceled", start, ended, ended))
        else:
            spec.append((cur, interval, amount, r.choice([1, 1, 2]), "active", start, None, None))
    out = []
    for i, (cur, interval, amount, qty, status, start, canceled, ended) in enumerate(spec):
        fn = FIRST[(i * 5 + 2) % len(FIRST)]
        cus = sid(r, "cus_Q", 12)
        trial = 14 if status == "trialing" else 0
        out.append((start, stripe_row(r, cus=cus, email=f"{fn.lower()}@{'eu-' if cur == 'eur' else ''}client{i}.example",
                                      name=fn, plan=f"price_1Px{cur.upper()}{interval[:2]}{int(amount * 100):07d}",
                                      product="prod_QxAnalytics01", qty=qty, cur=cur, interval=interval,
                                      amount=amount, status=status, start=start, trial_days=trial,
                                      canceled=canceled, ended=ended)))
    out.sort(key=lambda t: t[0], reverse=True)
    rows += [row for _, row in out]
    return write("multi-currency-subscriptions.csv", rows, encoding="utf-8", bom=False, eol="\n")


# ---------------------------------------------------------------- 7. Chargebee (amounts in cents)
CB_HEADER = [
    "customer[id]", "customer[email]", "customer[first_name]", "customer[last_name]", "subscription[id]",
    "subscription[plan_id]", "subscription[plan_quantity]", "subscription[plan_unit_price]",
    "subscription[currency_code]", "subscription[billing_period]", "subscription[billing_period_unit]",
    "subscription[status]", "subscription[created_at]", "subscription[started_at]", "subscription[trial_start]",
    "subscription[trial_end]", "subscription[current_term_start]", "subscription[current_term_end]",
    "subscription[cancelled_at]", "subscription[cancel_reason]",
]


def make_chargebee():
    r = random.Random(7007)
    plans = {  # plan_id: (unit price in cents, billing_period, billing_period_unit)
        "starter-monthly": (4900, 1, "month"), "growth-quarterly": (12000, 3, "month"),
        "growth-annual": (99000, 1, "year"), "seat-monthly": (1250, 1, "month"), "agency-6m": (54000, 6, "month"),
        "support-weekly": (1500, 2, "week"),
    }

    def T(y, m, d, hh=9):
        return dt.datetime(y, m, d, hh, 0, 0)

    spec = [
        # (customer index, plan, qty, status, started_at, trial_days, cancelled_at)
        (0, "starter-monthly", 1, "active", T(2023, 12, 4), 0, None),
        (1, "growth-quarterly", 1, "active", T(2024, 1, 15), 0, None),
        (2, "growth-annual", 1, "active", T(2023, 8, 30), 0, None),
        (3, "seat-monthly", 8, "active", T(2024, 2, 1), 0, None),
        (4, "seat-monthly", 3, "non_renewing", T(2024, 1, 10), 0, T(2024, 7, 10)),
        (5, "starter-monthly", 1, "in_trial", T(2024, 6, 18), 30, None),
        (6, "growth-quarterly", 1, "future", T(2024, 7, 15), 0, None),
        (7, "starter-monthly", 1, "paused", T(2024, 2, 20), 0, None),
        (8, "starter-monthly", 1, "cancelled", T(2023, 11, 2), 0, T(2024, 3, 2)),
        (9, "agency-6m", 2, "active", T(2024, 3, 5), 0, None),
        (10, "support-weekly", 1, "active", T(2024, 4, 22), 0, None),
        (11, "growth-quarterly", 1, "cancelled", T(2024, 1, 3), 14, T(2024, 5, 17)),
        (12, "starter-monthly", 1, "active", T(2024, 4, 1), 14, None),
        (13, "growth-annual", 1, "cancelled", T(2024, 2, 10), 0, T(2024, 2, 24)),
        (14, "seat-monthly", 25, "active", T(2024, 5, 9), 0, None),
        (0, "seat-monthly", 2, "active", T(2024, 3, 18), 0, None),
        (15, "starter-monthly", 1, "cancelled", T(2024, 1, 25), 0, T(2024, 6, 25)),
        (16, "growth-quarterly", 2, "active", T(2024, 6, 3), 0, None),
        (17, "starter-monthly", 1, "in_trial", T(2024, 6, 27), 14, None),
        (18, "agency-6m", 1, "non_renewing", T(2023, 10, 1), 0, T(2024, 10, 1)),
    ]
    for ci in range(19, 31):  # a dozen more ordinary customers
        plan = r.choice(["starter-monthly", "starter-monthly", "seat-monthly", "growth-quarterly", "growth-annual"])
        started = T(2023, 12, 1) + dt.timedelta(days=r.randint(0, 200), hours=r.randint(0, 8))
        status = r.choice(["active", "active", "active", "cancelled", "non_renewing"])
        cancelled = None
        if status == "cancelled":
            cancelled = min(started + dt.timedelta(days=r.randint(20, 120)), T(2024, 6, 29))
        elif status == "non_renewing":
            cancelled = T(2024, 8, 1) + dt.timedelta(days=r.randint(0, 60))
        spec.append((ci, plan, r.randint(2, 9) if plan == "seat-monthly" else 1, status, started,
                     14 if ci % 4 == 0 else 0, cancelled))
    rows = [CB_HEADER]
    fmt = lambda t: t.strftime("%Y-%m-%d %H:%M:%S") if t else ""
    for (ci, plan, qty, status, started, trial, cancelled) in spec:
        cents, period, unit = plans[plan]
        fn, ln = FIRST[(ci * 7 + 1) % len(FIRST)], LAST[ci % len(LAST)]
        trial_start = started if trial else None
        trial_end = started + dt.timedelta(days=trial) if trial else None
        if status == "future":
            ts_, te_ = None, None
        elif status == "in_trial":
            ts_, te_ = trial_start, trial_end
        else:
            at = cancelled if status == "cancelled" else EXPORT_AT
            ts_, te_ = period_around(trial_end or started, unit, at, period)
        created = started - dt.timedelta(days=1 if status == "future" else 0, hours=0 if status != "future" else 3)
        if status == "future":
            created = T(2024, 6, 12)
        rows.append([
            f"cb_{ci:03d}{fn[:2].lower()}", f"{fn.lower()}.{ln.lower()}@co{ci}.example", fn, ln,
            f"{r.choice('AzQ')}{sid(r, '', 15)}", plan, qty, cents, "USD", period, unit, status, fmt(created),
            fmt(started), fmt(trial_start), fmt(trial_end), fmt(ts_), fmt(te_), fmt(cancelled),
            "not_paid" if (status == "cancelled" and ci == 13) else "",
        ])
    return write("recurly-or-chargebee-subscriptions-cents.csv", rows, encoding="utf-8", bom=False, eol="\n")


# ---------------------------------------------------------------- surveys
NPS_Q_EN = "How likely is it that you would recommend Acme to a friend or colleague?"
REASONS = ["Great support", "Too expensive", "", "Works as expected", "Missing features", "Love it, fast and simple",
           "Buggy on mobile", "", "Onboarding was confusing", "Reliable, \"just works\""]


def nps_scores(r, n):
    dist = [0] * 3 + [1] * 2 + [2] * 2 + [3] * 2 + [4] * 3 + [5] * 4 + [6] * 6 + [7] * 9 + [8] * 12 + [9] * 14 + [10] * 13
    return [r.choice(dist) for _ in range(n)]


def survey_times(r, n):
    start = dt.datetime(2024, 6, 1)
    secs = sorted(r.randint(0, 91 * 86400 - 1) for _ in range(n))  # June-August 2024
    return [start + dt.timedelta(seconds=s) for s in secs]


def make_surveymonkey():
    r = random.Random(9009)
    n = 64
    head1 = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
             "Last Name", "Custom Data 1", NPS_Q_EN, "What is the primary reason for your score?"]
    head2 = ["", "", "", "", "", "", "", "", "", "Response", "Open-Ended Response"]
    rows = [head1, head2]
    scores = nps_scores(r, n)
    for i, t in enumerate(survey_times(r, n)):
        s = scores[i]
        ans = {0: "0 - Not at all likely", 10: "10 - Extremely likely"}.get(s, str(s))
        if i in (9, 30, 51):
            ans = ""  # question skipped
        start = t - dt.timedelta(seconds=r.randint(40, 400))
        f = lambda x: x.strftime("%m/%d/%Y %I:%M:%S %p")
        rows.append([str(114312000000 + i * 3571), "431880291", f(start), f(t),
                     f"198.51.100.{(i * 7) % 250 + 1}", "", "", "", "", ans, r.choice(REASONS)])
    return write("surveymonkey-nps.csv", rows, encoding="utf-8", bom=True, eol="\r\n", quote_all=True)


def make_qualtrics():
    r = random.Random(1010)
    n = 52
    ids = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
           "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
           "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
           "Q1_NPS_GROUP", "Q1", "Q2"]
    text = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished",
            "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email",
            "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel",
            "User Language", NPS_Q_EN + " - Group", NPS_Q_EN, "What is the main reason for your score?"]
    imp = ['{"ImportId":"startDate","timeZone":"America/Denver"}', '{"ImportId":"endDate","timeZone":"America/Denver"}',
           '{"ImportId":"status"}', '{"ImportId":"ipAddress"}', '{"ImportId":"progress"}', '{"ImportId":"duration"}',
           '{"ImportId":"finished"}', '{"ImportId":"recordedDate","timeZone":"America/Denver"}',
           '{"ImportId":"_recordId"}', '{"ImportId":"recipientLastName"}', '{"ImportId":"recipientFirstName"}',
           '{"ImportId":"recipientEmail"}', '{"ImportId":"externalDataReference"}',
           '{"ImportId":"locationLatitude"}', '{"ImportId":"locationLongitude"}',
           '{"ImportId":"distributionChannel"}', '{"ImportId":"userLanguage"}', '{"ImportId":"QID1_NPS_GROUP"}',
           '{"ImportId":"QID1"}', '{"ImportId":"QID2_TEXT"}']
    rows = [ids, text, imp]
    scores = nps_scores(r, n)
    for i, t in enumerate(survey_times(r, n)):
        s = scores[i]
        skipped = i in (14, 40)
        group = "" if skipped else (1 if s <= 6 else 2 if s <= 8 else 3)
        dur = r.randint(35, 600)
        start = t - dt.timedelta(seconds=dur)
        f = lambda x: x.strftime("%Y-%m-%d %H:%M:%S")
        rows.append([f(start), f(t), 0, f"192.0.2.{(i * 11) % 250 + 1}", 100, dur, 1, f(t),
                     "R_" + "".join(r.choice(ALNUM) for _ in range(15)), "", "", "", "",
                     f"{39.7392 + r.random():.4f}", f"{-104.9903 - r.random():.4f}", "anonymous", "EN", group,
                     "" if skipped else s, r.choice(REASONS)])
    return write("qualtrics-nps.csv", rows, encoding="utf-8", bom=True, eol="\r\n", quote_all=True)


def make_typeform():
    r = random.Random(1111)
    n = 47
    head = ["#", "How likely are you to recommend Acme to a friend or colleague?", "What's the main reason for your score?",
            "Start Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags"]
    rows = [head]
    scores = nps_scores(r, n)
    for i, t in enumerate(survey_times(r, n)):
        ans = "" if i in (6, 33) else scores[i]
        f = lambda x: x.strftime("%Y-%m-%d %H:%M:%S")
        rows.append(["".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32)), ans,
                     r.choice(REASONS), f(t - dt.timedelta(seconds=r.randint(20, 300))), f(t),
                     "".join(r.choice("0123456789abcdef") for _ in range(10)), ""])
    return write("typeform-nps.csv", rows, encoding="utf-8", bom=True, eol="\n")


def make_google_forms():
    r = random.Random(1212)
    n = 41
    head = ["Timestamp", "How likely are you to recommend Acme to a friend or colleague?", "Anything else you'd like to tell us?"]
    rows = [head]
    scores = nps_scores(r, n)
    for i, t in enumerate(survey_times(r, n)):
        ans = "" if i == 17 else scores[i]
        ts = f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}"
        rows.append([ts, ans, r.choice(REASONS)])
    return write("google-forms-nps.csv", rows, encoding="utf-8", bom=False, eol="\r\n")


def make_wjx():
    r = random.Random(1313)
    n = 53
    head = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP",
            "1、您向朋友或同事推荐我们产品的可能性有多大？", "2、您给出这个分数的主要原因是？"]
    rows = [head]
    scores = nps_scores(r, n)
    why = ["物流很快", "价格偏贵", "客服态度好", "", "包装破损", "质量不错，会回购", "(跳过)"]
    for i, t in enumerate(survey_times(r, n)):
        s = scores[i]
        if s == 0:
            ans = "0（非常不愿意）"
        elif s == 10:
            ans = r.choice(["10（非常愿意）", "10分"])
        elif s == 9 and i % 2:
            ans = "9（非常愿意）"
        elif i % 5 == 0:
            ans = f"{s}分"
        else:
            ans = str(s)
        if i in (12, 38):
            ans = "(跳过)"   # skip logic jumped over the question
        if i == 25:
            ans = ""         # left empty
        ts = f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}:{t.second:02d}"
        rows.append([i + 1, ts, f"{r.randint(15, 400)}秒", r.choice(["手机提交", "微信", "链接"]), "直接访问",
                     f"117.136.{(i * 13) % 250}.{(i * 7) % 250 + 1}(广东-广州)", ans, r.choice(why)])
    return write("wjx-nps.csv", rows, encoding="utf-8", bom=True, eol="\r\n")


# ---------------------------------------------------------------- 14. Excel/WPS zh-CN "CSV (逗号分隔)"
def make_excel_zh():
    r = random.Random(1414)
    head = ["客户编号", "客户名称", "订单日期", "金额", "数量", "备注"]
    rows = [head]
    names = ["上海华安贸易", "北京启明科技", "杭州青禾茶业", "深圳远航电子", "成都天府食品", "武汉长江建材",
             "南京金陵文具", "广州岭南服饰", "西安古都旅游", "苏州园林家居", "重庆山城火锅", "天津渤海物流",
             "厦门鹭岛海产", "青岛啤酒坊", "长沙湘江书店", "昆明春城花卉", "合肥科大仪器", "大连海韵酒店"]
    n = 64
    days = sorted(rnd_day(r, H1_START, H1_END) for _ in range(n))
    for k in range(n):
        ci = r.randrange(len(names)) if k % 3 else r.randrange(10)
        amount = round(r.choice([88.0, 256.5, 480.0, 999.9, 1234.5, 2680.0, 12500.0]) * r.choice([1, 1, 2]), 2)
        qty = r.randint(1, 20)
        note = ""
        if k == 20:
            amount, note = 0.0, "赠品"
        if k == 47:
            amount, qty, note = -480.0, -2, "退货"
        s = f"{amount:,.2f}"
        d = days[k]
        rows.append([f"C{ci + 1:04d}", names[ci], f"{d.year}/{d.month}/{d.day}", s, qty, note])
    return write("excel-zh-orders.csv", rows, encoding="gb18030", bom=False, eol="\r\n")


# ---------------------------------------------------------------- 16.-18. invoices (line items)
# One billing simulation, written three ways (Stripe invoice line items, Chargebee invoices with
# their line items, Paddle transactions). A customer has one or more subscription "runs"; each run
# issues an invoice at every period start (its renewal) up to INV_AT, with proration lines at a
# mid-period change, and statuses, discounts and one-off charges as its spec says. The statuses
# here are tool-neutral: paid, open (issued, unpaid: past due), open_final (unpaid, dunning given
# up), uncollectible, void, draft; each writer maps them to its tool's words.
INV_AT = dt.datetime(2024, 6, 28, 23, 0, 0)  # the export: what was issued by then
HOUR = dt.timedelta(hours=1)


def inv_line(kind, key, qty, amount, start, end, discount=0.0, desc=""):
    return {"kind": kind, "key": key, "qty": qty, "amount": round(amount, 2), "discount": round(discount, 2),
            "start": start, "end": end, "desc": desc}


def run_invoices(run, plans, horizon=INV_AT):
    """The invoices of one subscription run, oldest first.

    run: start, plan, qty, trial (days), periods (plan invoices issued before it is cancelled; None
    = renews until the export), statuses {period index: status}, discounts {index: fraction off},
    changes [(when, {"plan"|"qty": new}, mode)] with mode "now" (prorations invoiced at once),
    "next" (prorations added to the next renewal) or "renewal" (no proration: from the next
    renewal on), addon (key, qty) billed with the plan, setup (a one-off setup fee on the first
    invoice), wrong_void {index} (that renewal issued with a wrong quantity, voided, issued again an
    hour later), cancel_at (cancelled at once then: a credit for the unused time of the period,
    invoiced at once, and no renewal after).
    """
    out = []
    key, qty = run["plan"], run.get("qty", 1)
    price, interval = plans[key][0], plans[key][1]
    ps = run["start"]
    if run.get("trial"):
        te = ps + dt.timedelta(days=run["trial"])
        out.append({"at": ps, "status": "paid", "reason": "create",
                    "lines": [inv_line("trial", key, qty, 0.0, ps, te)]})
        ps = te
    pending, k = [], 0
    changes = sorted(run.get("changes", []), key=lambda c: c[0])
    periods = run.get("periods")
    while ps <= horizon and (periods is None or k < periods):
        pe = add_period(ps, interval)
        gross = round(price * qty, 2)
        off = round(gross * run.get("discounts", {}).get(k, 0.0), 2)
        lines = pending + [inv_line("plan", key, qty, gross, ps, pe, off)]
        pending = []
        if run.get("addon"):
            akey, aqty = run["addon"]
            lines.append(inv_line("addon", akey, aqty, plans[akey][0] * aqty, ps, pe))
        if k == 0 and run.get("setup"):
            lines.append(inv_line("setup", key, 1, run["setup"], ps, pe))
        status = run.get("statuses", {}).get(k, "paid")
        reason = "create" if k == 0 and not run.get("trial") else "cycle"
        if k in run.get("wrong_void", ()):
            wrong = [dict(ln) for ln in lines]
            wrong[-1] = inv_line("plan", key, qty + 1, price * (qty + 1), ps, pe)
            out.append({"at": ps, "status": "void", "reason": reason, "lines": wrong})
            out.append({"at": ps + HOUR, "status": status, "reason": reason, "lines": lines})
        else:
            out.append({"at": ps, "status": status, "reason": reason, "lines": lines})
        for when, change, mode in changes:
            if not (ps < when < pe) or when > horizon:
                continue
            nkey, nqty = change.get("plan", key), change.get("qty", qty)
            nprice = plans[nkey][0]
            if mode != "renewal":
                frac = (pe - when).total_seconds() / (pe - ps).total_seconds()
                pair = [inv_line("credit", key, qty, -price * qty * frac, when, pe),
                        inv_line("charge", nkey, nqty, nprice * nqty * frac, when, pe)]
                if mode == "now":
                    out.append({"at": when, "status": "paid", "reason": "update", "lines": pair})
                else:
                    pending += pair
            key, qty, price = nkey, nqty, nprice
        stop = run.get("cancel_at")
        if stop and ps < stop < pe and stop <= horizon:
            frac = (pe - stop).total_seconds() / (pe - ps).total_seconds()
            out.append({"at": stop, "status": "paid", "reason": "update",
                        "lines": [inv_line("credit", key, qty, -price * qty * frac, stop, pe)]})
            return out
        ps, k = pe, k + 1
    # A renewal due within the hour after the export is still a draft (Stripe drafts a renewal an
    # hour before it finalises it): a draft, excluded, and the previous period has ended.
    if (periods is None or k < periods) and horizon < ps <= horizon + HOUR:
        out.append({"at": ps - HOUR, "status": "draft", "reason": "cycle",
                    "lines": pending + [inv_line("plan", key, qty, price * qty, ps, add_period(ps, interval))]})
    return out


def forced_runs(P, off):
    """Customers whose history is written out, one per case the analysis has to get right.
    P: the tool's plan keys by role; off: days added to every date (the files differ)."""
    def T(m, d, hh=10, mi=0):
        return dt.datetime(2024, m, d, hh, mi) + dt.timedelta(days=off)
    lo, hi, seat, yr, yr_hi = P["low"], P["high"], P["seat"], P["annual"], P["annual_high"]
    return [
        ("upgrade now", [dict(start=T(1, 8), plan=lo, changes=[(T(3, 20, 15), {"plan": hi}, "now")])]),
        ("upgrade, prorations on the next invoice", [dict(start=T(2, 3), plan=lo, changes=[(T(4, 11, 9), {"plan": hi}, "next")])]),
        ("downgrade, prorations on the next invoice", [dict(start=T(1, 15), plan=hi, changes=[(T(4, 2, 12), {"plan": lo}, "next")])]),
        ("seats 5 -> 8 prorated", [dict(start=T(1, 4), plan=seat, qty=5, changes=[(T(2, 19), {"qty": 8}, "now")])]),
        ("seats 10 -> 6 at renewal", [dict(start=T(1, 22), plan=seat, qty=10, changes=[(T(3, 30), {"qty": 6}, "renewal")])]),
        ("seats 12 -> 7 prorated", [dict(start=T(2, 10), plan=seat, qty=12, changes=[(T(5, 1, 8), {"qty": 7}, "now")])]),
        ("cancelled after 3 months", [dict(start=T(1, 11), plan=lo, periods=3)]),
        ("cancelled after 2 months", [dict(start=T(2, 26), plan=hi, periods=2)]),
        ("back after a gap", [dict(start=T(1, 6), plan=lo, periods=2), dict(start=T(5, 14), plan=lo)]),
        ("back after a gap, other plan", [dict(start=T(1, 19), plan=hi, periods=1), dict(start=T(4, 25), plan=seat, qty=3)]),
        ("free trial, then paying", [dict(start=T(2, 7), plan=hi, trial=14)]),
        ("free trial, never converted", [dict(start=T(5, 9), plan=lo, trial=14, periods=0)]),
        ("two renewals past due, then paid", [dict(start=T(1, 12), plan=lo, statuses={1: "open", 2: "open"})]),
        ("three renewals past due, never paid", [dict(start=T(1, 20), plan=hi, periods=5, statuses={2: "open", 3: "open", 4: "open_final"})]),
        ("renewal marked uncollectible", [dict(start=T(1, 25), plan=lo, periods=4, statuses={3: "uncollectible"})]),
        ("first invoice never paid", [dict(start=T(3, 5), plan=hi, periods=1, statuses={0: "open_final"})]),
        ("first invoice unpaid, then paying", [dict(start=T(2, 14), plan=lo, statuses={0: "open"})]),
        ("100% off for 2 months", [dict(start=T(1, 29), plan=hi, discounts={0: 1.0, 1: 1.0})]),
        ("20% off for 3 months", [dict(start=T(3, 1), plan=hi, discounts={0: 0.2, 1: 0.2, 2: 0.2})]),
        ("annual", [dict(start=T(1, 17), plan=yr)]),
        ("annual, upgraded", [dict(start=T(2, 21), plan=yr, changes=[(T(5, 6), {"plan": yr_hi}, "now")])]),
        ("renewal voided and issued again", [dict(start=T(1, 9), plan=seat, qty=3, wrong_void={2})]),
        ("renewal still a draft at the export", [dict(start=dt.datetime(2024, 3, 28, 23, 30), plan=lo)]),
        ("started in the last days", [dict(start=T(6, 20), plan=hi)]),
        # credited for the unused 18 of 29 days: the credit's MRR outweighs the plan's on 29 Feb
        ("cancelled at once, credit for the unused time", [dict(start=T(1, 10), plan=hi, cancel_at=T(2, 20, 16))]),
        ("past due twice, paid in between", [dict(start=T(1, 13), plan=lo, statuses={1: "open", 3: "open", 4: "open"})]),
    ]


def random_runs(r, P, n, first=dt.date(2024, 1, 2), last=dt.date(2024, 6, 20)):
    """n ordinary customers: mostly monthly, some yearly or per seat; some trials, cancellations,
    discounts, plan or seat changes and a late payment."""
    out = []
    for _ in range(n):
        role = r.choice(["low"] * 8 + ["high"] * 5 + ["seat"] * 3 + ["annual"] * 2 + ["annual_high"])
        start = rnd_time(r, rnd_day(r, first, last), 0, 23)
        run = dict(start=start, plan=P[role], qty=r.randint(2, 15) if role == "seat" else 1)
        monthly = role in ("low", "high", "seat")
        if monthly and r.random() < 0.12:
            run["trial"] = 14
        if monthly and r.random() < 0.25:
            run["periods"] = r.randint(1, 4)
        if monthly and r.random() < 0.1:
            run["discounts"] = {0: 0.2, 1: 0.2, 2: 0.2}
        if monthly and r.random() < 0.08:
            run["statuses"] = {r.randint(1, 3): "open"}
        if r.random() < 0.15:
            when = start + dt.timedelta(days=r.randint(20, 120), hours=r.randint(1, 9))
            if role == "seat":
                change = {"qty": max(1, run["qty"] + r.choice([-3, -2, 2, 4]))}
            else:
                change = {"plan": {"low": P["high"], "high": P["low"], "annual": P["annual_high"],
                                   "annual_high": P["annual"]}[role]}
            run["changes"] = [(when, change, r.choice(["now", "now", "next"]))]
        out.append(("ordinary", [run]))
    return out


def simulate(r, P, plans, off, n_random, oneoffs):
    """[(label, customer index, run index, invoice)] for the forced and random customers, with the
    one-off invoices of `oneoffs` [(customer index, when, amount, description, status)]."""
    customers = forced_runs(P, off) + random_runs(r, P, n_random)
    invoices = []
    for ci, (label, runs) in enumerate(customers):
        for ri, run in enumerate(runs):
            for inv in run_invoices(run, plans):
                invoices.append((label, ci, ri, inv))
    for ci, when, amount, desc, status in oneoffs:
        invoices.append(("one-off", ci, None, {"at": when, "status": status, "reason": "oneoff",
                                               "lines": [inv_line("oneoff", None, 1, amount, when, when, desc=desc)]}))
    invoices.sort(key=lambda t: (t[3]["at"], t[1]))
    return customers, invoices


# ---------------------------------------------------------------- 16. Stripe invoice line items
STRIPE_LINES_HEADER = [
    "Invoice ID", "Invoice Number", "Invoice Date (UTC)", "Status", "Customer ID", "Customer Email", "Subscription",
    "Line Item ID", "Type", "Proration", "Description", "Quantity", "Amount", "Discount Amount", "Currency",
    "Period Start (UTC)", "Period End (UTC)",
]


def make_stripe_invoice_lines():
    r = random.Random(1515)
    fmt = lambda t: t.strftime("%Y-%m-%d %H:%M:%S")
    books = {
        "usd": {"basic_m": (29.00, "month", "Basic"), "pro_m": (79.00, "month", "Pro"),
                "team_m": (15.00, "month", "Team seat"), "basic_y": (290.00, "year", "Basic"),
                "pro_y": (790.00, "year", "Pro")},
        "eur": {"basic_m": (25.00, "month", "Basic"), "pro_m": (69.00, "month", "Pro"),
                "team_m": (13.00, "month", "Team seat"), "basic_y": (250.00, "year", "Basic"),
                "pro_y": (690.00, "year", "Pro")},
    }
    P = {"low": "basic_m", "high": "pro_m", "seat": "team_m", "annual": "basic_y", "annual_high": "pro_y"}
    files = []
    # usd: the forced customers + 36 ordinary ones; eur: a second book, 14 ordinary customers and
    # a cancellation, an upgrade and a one-off of its own
    T = lambda m, d, hh=10: dt.datetime(2024, m, d, hh, 0)
    usd_oneoffs = [(0, T(2, 2, 14), 150.00, "Onboarding session", "paid"),
                   (6, T(1, 30, 9), 45.00, "Extra export, CSV and PDF", "paid"),
                   (19, T(4, 18, 16), 400.00, "Custom report", "paid"),
                   (3, T(5, 22, 11), 99.00, "Data import", "open"),
                   (8, T(6, 3, 12), 60.00, "Consulting hour", "draft"),
                   (12, T(3, 14, 15), 80.00, "Training", "void")]
    cu, iu = simulate(r, P, books["usd"], 0, 36, usd_oneoffs)
    files.append(("usd", cu, iu))
    er = random.Random(1516)
    eur_forced = [("cancelled after 2 months", [dict(start=T(2, 12), plan="pro_m", periods=2)]),
                  ("upgrade now", [dict(start=T(1, 24), plan="basic_m", changes=[(T(3, 3, 11), {"plan": "pro_m"}, "now")])])]
    ce = eur_forced + random_runs(er, P, 14)
    ie = []
    for ci, (label, runs) in enumerate(ce):
        for ri, run in enumerate(runs):
            for inv in run_invoices(run, books["eur"]):
                ie.append((label, ci, ri, inv))
    ie.append(("one-off", 3, None, {"at": T(4, 9, 13), "status": "paid", "reason": "oneoff",
                                    "lines": [inv_line("oneoff", None, 1, 120.00, T(4, 9, 13), T(4, 9, 13), desc="Setup")]}))
    ie.sort(key=lambda t: (t[3]["at"], t[1]))
    files.append(("eur", ce, ie))

    status_word = {"paid": "paid", "open": "open", "open_final": "open", "uncollectible": "uncollectible",
                   "void": "void", "draft": "draft"}
    out = []
    for cur, customers, invoices in files:
        sym = {"usd": "$", "eur": "€"}[cur]
        book = books[cur]
        cus = [sid(r, "cus_Q", 12) for _ in customers]
        email = [f"{FIRST[(i * 7 + (3 if cur == 'eur' else 0)) % len(FIRST)].lower()}@{'eu-' if cur == 'eur' else ''}tenant{i}.example"
                 for i in range(len(customers))]
        prefix = ["".join(r.choice("0123456789ABCDEF") for _ in range(8)) for _ in customers]
        subs = {}
        numbers = [0] * len(customers)
        for label, ci, ri, inv in invoices:
            if ri is not None and (ci, ri) not in subs:
                subs[(ci, ri)] = sid(r, "sub_1P", 14)
            sub = subs.get((ci, ri), "")
            status = status_word[inv["status"]]
            number = ""
            if status != "draft":  # a draft has no number yet
                numbers[ci] += 1
                number = f"{prefix[ci]}-{numbers[ci]:04d}"
            iid = sid(r, "in_1P", 14)
            for ln in inv["lines"]:
                kind = ln["kind"]
                if kind == "oneoff":
                    lid, typ, pro, qty, desc, lsub = sid(r, "ii_1P", 14), "invoiceitem", "false", 1, ln["desc"], ""
                else:
                    unit, interval, product = book[ln["key"]]
                    lsub = sub
                    if kind in ("plan", "trial"):
                        lid, typ, pro = sid(r, "il_1P", 14), "subscription", "false"
                        desc = (f"Trial period for {product}" if kind == "trial"
                                else f"{ln['qty']} × {product} (at {sym}{unit:.2f} / {interval})")
                    else:
                        lid, typ, pro = sid(r, "ii_1P", 14), "invoiceitem", "true"
                        what = f"{ln['qty']} × {product}" if ln["qty"] > 1 else product
                        desc = (f"Unused time on {what} after {ln['start']:%d %b %Y}" if kind == "credit"
                                else f"Remaining time on {what} after {ln['start']:%d %b %Y}")
                    qty = ln["qty"]
                out.append((inv["at"], [iid, number, fmt(inv["at"]), status, cus[ci], email[ci], lsub, lid, typ, pro,
                                        desc, qty, money(ln["amount"]), money(ln["discount"]), cur,
                                        fmt(ln["start"]), fmt(ln["end"])]))
    out.sort(key=lambda t: t[0], reverse=True)  # newest first, as the Dashboard lists them
    # the first currency in the file is the one analysed by default: usd, whether or not rows of
    # an excluded status count
    first_counted = next(i for i, (_, row) in enumerate(out) if row[3] not in ("draft", "void", "uncollectible"))
    assert all(row[14] == "usd" for _, row in out[:first_counted + 1])
    rows = [STRIPE_LINES_HEADER] + [row for _, row in out]
    return write("stripe-invoice-lines.csv", rows, encoding="utf-8", bom=False, eol="\n")


# ---------------------------------------------------------------- 17. Chargebee invoices with line items
CB_INV_HEADER = [
    "invoice[id]", "invoice[customer_id]", "invoice[subscription_id]", "invoice[status]", "invoice[date]",
    "invoice[currency_code]", "invoice[total]", "line_item[id]", "line_item[date_from]", "line_item[date_to]",
    "line_item[entity_type]", "line_item[entity_id]", "line_item[quantity]", "line_item[amount]",
    "line_item[discount_amount]", "line_item[tax_amount]",
]


def make_chargebee_invoices():
    r = random.Random(1616)
    fmt = lambda t: t.strftime("%Y-%m-%d %H:%M:%S")
    plans = {"starter-USD-Monthly": (49.00, "month"), "growth-USD-Monthly": (149.00, "month"),
             "seat-USD-Monthly": (12.00, "month"), "starter-USD-Yearly": (490.00, "year"),
             "growth-USD-Yearly": (1490.00, "year"), "extra-storage-USD-Monthly": (10.00, "month")}
    P = {"low": "starter-USD-Monthly", "high": "growth-USD-Monthly", "seat": "seat-USD-Monthly",
         "annual": "starter-USD-Yearly", "annual_high": "growth-USD-Yearly"}
    T = lambda m, d, hh=10: dt.datetime(2024, m, d, hh, 0)
    oneoffs = [(1, T(2, 20, 11), 250.00, "charge_item_price:onboarding-USD", "paid"),
               (4, T(3, 8, 15), 35.00, "adhoc:Extra API calls, February", "paid"),
               (10, T(5, 2, 9), 120.00, "charge_item_price:training-USD", "open"),
               (13, T(4, 30, 17), 75.00, "adhoc:Late data fix", "void"),
               (21, T(6, 12, 10), 500.00, "charge_item_price:consulting-USD", "draft")]
    customers, invoices = simulate(r, P, plans, 2, 30, oneoffs)
    # extras of this file: a recurring add-on billed with the plan, a setup fee, and a customer who
    # pays offline (invoices posted, paid later; the last one still posted)
    customers.append(("add-on with the plan", [dict(start=T(1, 16), plan=P["high"], addon=("extra-storage-USD-Monthly", 2))]))
    customers.append(("setup fee", [dict(start=T(2, 27), plan=P["low"], setup=99.00)]))
    customers.append(("pays offline", [dict(start=T(1, 10), plan=P["seat"], qty=20, statuses={4: "posted", 5: "posted"})]))
    for ci in range(len(customers) - 3, len(customers)):
        for ri, run in enumerate(customers[ci][1]):
            for inv in run_invoices(run, plans):
                invoices.append((customers[ci][0], ci, ri, inv))
    invoices.sort(key=lambda t: (t[3]["at"], t[1]))
    status_word = {"paid": "paid", "open": "payment_due", "open_final": "not_paid", "uncollectible": "not_paid",
                   "void": "voided", "draft": "pending", "posted": "posted"}
    cid = [f"{r.choice('AzB')}{sid(r, '', 16)}" for _ in customers]
    subs = {}
    rows = [CB_INV_HEADER]
    number = 1000
    taxed = {ci for ci in range(len(customers)) if ci % 5 == 2}  # some customers pay 8% sales tax
    for label, ci, ri, inv in invoices:
        if ri is not None and (ci, ri) not in subs:
            subs[(ci, ri)] = f"{r.choice('AzB')}{sid(r, '', 16)}"
        number += 1
        lines = []
        for ln in inv["lines"]:
            kind = ln["kind"]
            tax = round((ln["amount"] - ln["discount"]) * 0.08, 2) if ci in taxed and kind != "credit" else 0.0
            if kind == "oneoff":
                etype, eid = ln["desc"].split(":", 1)
                eid = "" if etype == "adhoc" else eid
                lines.append([ln, etype, eid, tax])
            elif kind == "setup":
                lines.append([ln, "plan_setup", ln["key"], tax])
            elif kind == "addon":
                lines.append([ln, "addon_item_price", ln["key"], tax])
            else:
                lines.append([ln, "plan_item_price", ln["key"], tax])
        total = round(sum(ln["amount"] - ln["discount"] + tax for ln, _, _, tax in lines), 2)
        for ln, etype, eid, tax in lines:
            rows.append([number, cid[ci], subs.get((ci, ri), ""), status_word[inv["status"]], fmt(inv["at"]), "USD",
                         money(total), f"li_{sid(r, '', 16)}", fmt(ln["start"]), fmt(ln["end"]), etype, eid,
                         ln["qty"], money(ln["amount"]), money(ln["discount"]), money(tax)])
    return write("chargebee-invoices.csv", rows, encoding="utf-8", bom=False, eol="\n")


# ---------------------------------------------------------------- 18. Paddle Billing transactions
PADDLE_HEADER = [
    "id", "status", "customer_id", "subscription_id", "currency_code", "billed_at", "billing_period.starts_at",
    "billing_period.ends_at", "origin", "items.price.id", "items.quantity", "details.line_items.totals.subtotal",
    "details.line_items.totals.discount",
]


def paddle_id(r, prefix):
    return prefix + "01h" + "".join(r.choice("0123456789abcdefghjkmnpqrstvwxyz") for _ in range(23))


def make_paddle_transactions():
    r = random.Random(1717)
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ") if t else ""
    plans = {"starter_m": (19.00, "month"), "pro_m": (49.00, "month"), "seat_m": (8.00, "month"),
             "starter_y": (190.00, "year"), "pro_y": (490.00, "year")}
    P = {"low": "starter_m", "high": "pro_m", "seat": "seat_m", "annual": "starter_y", "annual_high": "pro_y"}
    T = lambda m, d, hh=10: dt.datetime(2024, m, d, hh, 0)
    oneoffs = [(2, T(1, 27, 12), 29.00, "ebook", "paid"),
               (9, T(3, 19, 18), 99.00, "template pack", "paid"),
               (17, T(5, 28, 8), 15.00, "extra credits", "void")]
    customers, invoices = simulate(r, P, plans, 4, 24, oneoffs)
    # a customer billed by invoice (manual collection): billed, then paid; the last one billed
    customers.append(("pays by invoice", [dict(start=T(1, 3), plan=P["seat"], qty=25, statuses={5: "billed"})]))
    ci = len(customers) - 1
    for inv in run_invoices(customers[ci][1][0], plans):
        invoices.append((customers[ci][0], ci, 0, inv))
    invoices.sort(key=lambda t: (t[3]["at"], t[1]))
    price_ids = {k: paddle_id(r, "pri_") for k in list(plans) + ["ebook", "template pack", "extra credits", "credits pack"]}
    ctm = [paddle_id(r, "ctm_") for _ in customers]
    subs = {}
    status_word = {"paid": "completed", "open": "past_due", "open_final": "past_due", "uncollectible": "canceled",
                   "void": "canceled", "draft": "draft", "billed": "billed"}
    origin_word = {"create": "web", "cycle": "subscription_recurring", "update": "subscription_update",
                   "oneoff": "web"}
    out = []
    for label, ci, ri, inv in invoices:
        if ri is not None and (ci, ri) not in subs:
            subs[(ci, ri)] = paddle_id(r, "sub_")
        status = status_word[inv["status"]]
        if status == "completed" and inv["at"] > INV_AT - dt.timedelta(days=3):
            status = "paid"  # paid, not fully processed by Paddle yet
        txn = paddle_id(r, "txn_")
        billed = "" if status == "draft" else iso(inv["at"])
        origin = origin_word[inv["reason"]]
        if label == "pays by invoice" and inv["reason"] == "cycle":
            origin = "api"
        for ln in inv["lines"]:
            key = ln["key"] or ln["desc"]
            out.append((inv["at"], [txn, status, ctm[ci], subs.get((ci, ri), ""), "USD", billed, iso(ln["start"]),
                                    iso(ln["end"]), origin, price_ids[key], ln["qty"], money(ln["amount"]),
                                    money(ln["discount"])]))
    # One-time purchases billed on a subscription (origin subscription_charge: it has the
    # subscription, and a period that is one instant), a one-time purchase with no billing period
    # at all, a checkout left as a draft before the customer was known, and an upgrade checkout
    # ready (customer and items known) but not paid.
    extra = [
        (T(4, 4, 13), ["completed", ctm[0], subs[(0, 0)], "USD", iso(T(4, 4, 13)), iso(T(4, 4, 13)), iso(T(4, 4, 13)),
                       "subscription_charge", price_ids["credits pack"], 2, money(40.00), money(0.00)]),
        (T(2, 16, 19), ["completed", ctm[14], "", "USD", iso(T(2, 16, 19)), "", "", "web", price_ids["ebook"], 1,
                        money(29.00), money(0.00)]),
        (T(6, 10, 7), ["draft", "", "", "USD", "", "", "", "web", price_ids["pro_m"], 1, money(49.00), money(0.00)]),
        (T(6, 21, 15), ["ready", ctm[5], "", "USD", "", "", "", "web", price_ids["pro_m"], 1, money(49.00), money(0.00)]),
    ]
    for at, row in extra:
        out.append((at, [paddle_id(r, "txn_")] + row))
    out.sort(key=lambda t: t[0], reverse=True)  # newest first
    rows = [PADDLE_HEADER] + [row for _, row in out]
    return write("paddle-transactions.csv", rows, encoding="utf-8", bom=False, eol="\n")


def main():
    counts = {
        "shopify-orders.csv": make_shopify(),
        "woocommerce-orders.csv": make_woocommerce(),
        "taobao-orders-gb18030.csv": make_taobao(),
        "jd-orders.csv": make_jd(),
        "youzan-orders.csv": make_youzan(),
        "stripe-subscriptions.csv": make_stripe(),
        "recurly-or-chargebee-subscriptions-cents.csv": make_chargebee(),
        "multi-currency-subscriptions.csv": make_multicurrency(),
        "surveymonkey-nps.csv": make_surveymonkey(),
        "qualtrics-nps.csv": make_qualtrics(),
        "typeform-nps.csv": make_typeform(),
        "google-forms-nps.csv": make_google_forms(),
        "wjx-nps.csv": make_wjx(),
        "excel-zh-orders.csv": make_excel_zh(),
        "stripe-invoice-lines.csv": make_stripe_invoice_lines(),
        "chargebee-invoices.csv": make_chargebee_invoices(),
        "paddle-transactions.csv": make_paddle_transactions(),
    }
    for name, n in counts.items():
        print(f"{name:48s} {n:4d} lines (header rows included)")


if __name__ == "__main__":
    main()
