"""Small word lists the demo generator combines into product titles, searches and tags.

Everything here is made up for the demo; combining a few short lists gives thousands of
plausible, distinct strings without calling Faker per row.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class ProductLine:
    """One kind of product: its Chinese and English nouns, brands, and selling points."""

    noun_zh: str
    noun_en: str
    brands: tuple[str, ...]
    attrs_zh: tuple[str, ...]
    attrs_en: tuple[str, ...]
    price_range: tuple[int, int]  # yuan


PRODUCT_LINES: tuple[ProductLine, ...] = (
    ProductLine(
        "无线蓝牙耳机",
        "wireless earbuds",
        ("小米", "华为", "漫步者", "Sony", "JBL"),
        ("主动降噪", "长续航", "入耳式", "运动防水", "低延迟游戏"),
        ("noise cancelling", "long battery", "in-ear", "waterproof", "low latency"),
        (99, 1299),
    ),
    ProductLine(
        "运动跑鞋",
        "running shoes",
        ("李宁", "安踏", "特步", "Nike", "Adidas"),
        ("男款", "女款", "减震", "透气网面", "轻量竞速"),
        ("men", "women", "cushioned", "breathable", "lightweight racing"),
        (199, 1099),
    ),
    ProductLine(
        "空气炸锅",
        "air fryer",
        ("美的", "九阳", "苏泊尔", "Philips"),
        ("家用大容量", "5升", "可视窗口", "无油低脂", "智能触控"),
        ("family size", "5 litre", "see-through window", "oil free", "touch control"),
        (159, 699),
    ),
    ProductLine(
        "保温杯",
        "insulated bottle",
        ("膳魔师", "象印", "富光", "Tiger"),
        ("316不锈钢", "大容量", "便携", "儿童款", "商务"),
        ("stainless steel", "large", "portable", "kids", "business"),
        (49, 299),
    ),
    ProductLine(
        "羽绒服",
        "down jacket",
        ("波司登", "鸭鸭", "雪中飞", "The North Face"),
        ("加厚", "轻薄", "连帽", "中长款", "白鸭绒"),
        ("thick", "ultralight", "hooded", "mid-length", "white duck down"),
        (299, 1999),
    ),
    ProductLine(
        "机械键盘",
        "mechanical keyboard",
        ("罗技", "雷蛇", "达尔优", "Keychron"),
        ("青轴", "红轴", "无线三模", "RGB背光", "87键"),
        ("blue switches", "red switches", "tri-mode wireless", "RGB backlit", "tenkeyless"),
        (199, 1299),
    ),
    ProductLine(
        "婴儿推车",
        "baby stroller",
        ("好孩子", "Babyzen", "Cybex"),
        ("可坐可躺", "轻便折叠", "高景观", "避震", "双向推行"),
        ("reclining", "foldable", "high seat", "shock absorbing", "reversible"),
        (599, 4999),
    ),
    ProductLine(
        "登山背包",
        "hiking backpack",
        ("探路者", "凯乐石", "骆驼", "Osprey"),
        ("40升", "防泼水", "轻量", "户外徒步", "带防雨罩"),
        ("40 litre", "water resistant", "lightweight", "trekking", "with rain cover"),
        (159, 1599),
    ),
    ProductLine(
        "扫地机器人",
        "robot vacuum",
        ("石头", "科沃斯", "追觅", "iRobot"),
        ("扫拖一体", "自动集尘", "激光导航", "静音", "宠物家庭"),
        ("mop and vacuum", "self-emptying", "lidar", "quiet", "pet hair"),
        (999, 4999),
    ),
    ProductLine(
        "面霜",
        "face cream",
        ("珀莱雅", "薇诺娜", "百雀羚", "Olay"),
        ("补水保湿", "敏感肌", "修护", "抗初老", "清爽型"),
        ("hydrating", "sensitive skin", "repair", "anti-ageing", "light texture"),
        (79, 699),
    ),
    ProductLine(
        "智能手表",
        "smartwatch",
        ("华为", "小米", "OPPO", "Garmin"),
        ("心率血氧", "长续航", "运动GPS", "eSIM通话", "睡眠监测"),
        ("heart rate", "long battery", "GPS", "eSIM calls", "sleep tracking"),
        (299, 3999),
    ),
    ProductLine(
        "茶叶",
        "tea leaves",
        ("八马", "竹叶青", "大益", "小罐茶"),
        ("明前龙井", "普洱熟茶", "正山小种", "礼盒装", "高山乌龙"),
        ("pre-Qingming Longjing", "ripe pu-erh", "Lapsang souchong", "gift box", "oolong"),
        (68, 899),
    ),
    ProductLine(
        "儿童绘本",
        "picture books",
        ("中信童书", "蒲公英", "DK"),
        ("3-6岁", "套装10册", "双语", "启蒙认知", "睡前故事"),
        ("ages 3-6", "set of 10", "bilingual", "early learning", "bedtime stories"),
        (39, 299),
    ),
    ProductLine(
        "咖啡豆",
        "coffee beans",
        ("三顿半", "隅田川", "Lavazza", "星巴克"),
        ("中深烘焙", "云南小粒", "意式拼配", "挂耳", "冷萃"),
        ("medium-dark roast", "Yunnan arabica", "espresso blend", "drip bags", "cold brew"),
        (39, 259),
    ),
    ProductLine(
        "露营帐篷",
        "camping tent",
        ("牧高笛", "Naturehike", "骆驼"),
        ("3-4人", "速开", "防暴雨", "天幕", "铝杆"),
        ("3-4 person", "instant", "storm proof", "tarp", "aluminium poles"),
        (199, 2599),
    ),
)

SEARCH_SUFFIXES_ZH: tuple[str, ...] = ("推荐", "哪个牌子好", "性价比", "2026新款", "旗舰店", "包邮")
SEARCH_SUFFIXES_EN: tuple[str, ...] = ("best", "cheap", "review", "2026", "sale", "official store")

# (English, 中文): an interest tag of the crowd portrait, in both of the shop's languages
TAGS: tuple[tuple[str, str], ...] = (
    ("Outdoor sports fan", "户外运动爱好者"),
    ("Young parent", "年轻父母"),
    ("Gadget enthusiast", "数码发烧友"),
    ("Coffee lover", "咖啡爱好者"),
    ("Devoted pet owner", "精致宠物主"),
    ("Frequent traveller", "常旅客"),
    ("Price-conscious shopper", "价格敏感型"),
    ("Home cook", "家庭厨师"),
    ("Beauty and skincare fan", "美妆护肤达人"),
    ("Early adopter", "尝鲜达人"),
    ("Tea culture fan", "茶文化爱好者"),
    ("Bargain hunter", "优惠猎手"),
    ("New mother", "新手妈妈"),
    ("Gamer", "游戏玩家"),
    ("Camping beginner", "露营新手"),
    ("Fitness enthusiast", "健身爱好者"),
    ("High spender", "高消费力用户"),
    ("Night-owl shopper", "夜猫子购物者"),
    ("Student", "学生党"),
    ("Book reader", "爱读书的人"),
)

TAG_SOURCES: tuple[str, ...] = ("browsing", "search", "orders", "location", "partner")


def _series(rng: random.Random) -> str:
    return f"{rng.choice('XSAPK')}{rng.randrange(1, 20)}"


def product_title(rng: random.Random, line: ProductLine | None = None) -> str:
    """A product page title as a shop lists it, mostly Chinese, sometimes English."""
    line = line or rng.choice(PRODUCT_LINES)
    brand = rng.choice(line.brands)
    if rng.random() < 0.75:
        first, second = rng.sample(line.attrs_zh, 2)
        return f"{brand} {_series(rng)} {line.noun_zh} {first} {second}"
    first, second = rng.sample(line.attrs_en, 2)
    return f"{brand} {_series(rng)} {line.noun_en.title()}, {first}, {second}"


def search_query(rng: random.Random) -> str:
    """A search a shopper might type: short, Chinese or English."""
    line = rng.choice(PRODUCT_LINES)
    roll = rng.random()
    if roll < 0.35:
        return f"{line.noun_zh} {rng.choice(line.attrs_zh)}"
    if roll < 0.55:
        return f"{rng.choice(line.brands)} {line.noun_zh}"
    if roll < 0.7:
        return f"{line.noun_zh}{rng.choice(SEARCH_SUFFIXES_ZH)}"
    if roll < 0.85:
        return f"{line.noun_en} {rng.choice(line.attrs_en)}"
    return f"{rng.choice(SEARCH_SUFFIXES_EN)} {line.noun_en}"


def item_ref(rng: random.Random) -> str:
    return f"item-{rng.randrange(10**9, 10**10)}"


def product_price_cents(rng: random.Random, line: ProductLine) -> int:
    low, high = line.price_range
    return rng.randrange(low, high + 1) * 100 + rng.choice((0, 0, 50, 90))
