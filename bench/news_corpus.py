"""A synthetic, labelled news corpus: articles in Japanese and English, and syndicated copies.

Used by bench/ingest.py (thousands of 20-80 KB pages served over HTTP) and by the
near-duplicate accuracy gate in tests/monitor (a few hundred texts). Everything is generated
from a seed, so a run is reproducible.

An article is 12-60 sentences drawn from templates with slots (ministers, agencies, companies,
sectors, places, amounts, dates), so two articles share vocabulary and sentence shapes, as
real coverage of one summit does, but not sentences. Each page wraps its article in a site's
boilerplate: navigation, a "most read" list, related links, a footer, inline scripts and JSON,
which a good extractor must drop.

The labels: every article is a story. Some stories are syndicated: copies on other sites with
small edits (a dateline, a changed word or number, a dropped or added sentence), and a few with
heavier cuts (a third of the text gone). Some stories have a follow-up: a different article on
the same event that reuses a third of the earlier sentences. A few are formulaic bulletins
whose next issue repeats every sentence with new figures. Follow-ups and bulletins are
different stories: grouping them with the first one is a false positive.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape


def _listed(words: str) -> list[str]:
    """Vocabulary written compactly, one '|'-separated string per list."""
    return words.split("|")


EN_PEOPLE = _listed(
    "Prime Minister Sanae Takaichi|President Donald Trump|"
    "Trade Minister Ryosei Akazawa|Commerce Secretary Howard Lutnick|"
    "Foreign Minister Toshimitsu Motegi|Secretary of State Marco Rubio|"
    "Finance Minister Satsuki Katayama|Treasury Secretary Scott Bessent|"
    "Defence Minister Shinjiro Koizumi|Defense Secretary Pete Hegseth|"
    "Transport Minister Yasushi Kaneko|Trade Representative Jamieson Greer|"
    "Energy Secretary Chris Wright|Chief Cabinet Secretary Minoru Kihara|"
    "Interior Secretary Doug Burgum"
)
EN_BODIES = _listed(
    "the Ministry of Economy, Trade and Industry|the Commerce Department|"
    "the Japan Bank for International Cooperation|the State Department|"
    "the Ministry of Land, Infrastructure, Transport and Tourism|the Treasury|"
    "the Ministry of Defense|JOGMEC|the Export-Import Bank|the Cabinet Office|"
    "the Office of the US Trade Representative|NEXI"
)
EN_COMPANIES = _listed(
    "Toshiba|Mitsubishi Heavy Industries|Hitachi|Sojitz|JERA|Tokyo Gas|Westinghouse|"
    "GE Vernova|Bechtel|SoftBank|Murata|TDK|Panasonic|Imabari Shipbuilding|"
    "Japan Marine United|Mitsui|Sumitomo|Marubeni"
)
EN_SECTORS = _listed(
    "critical minerals|rare earth processing|shipbuilding|small modular reactors|"
    "power grid equipment|AI data centres|semiconductors|battery materials|"
    "liquefied natural gas|synthetic diamonds|crude oil export terminals|"
    "gas-fired power plants|electronic components|defence equipment"
)
EN_PLACES = _listed(
    "Tokyo|Washington|Osaka|Texas|Ohio|Alaska|Pennsylvania|Nagasaki|Louisiana|"
    "Tennessee|Arizona|Hiroshima|Yokohama|Georgia|Virginia"
)
EN_VERBS = _listed(
    "agreed to expand|announced plans for|signed a memorandum on|began talks on|"
    "pledged financing for|confirmed support for|launched a review of|"
    "set up a working group on|approved a budget for|called for faster progress on"
)
EN_TEMPLATES = [
    "{person} said on {day} that the government {verb} {sector} with {company}.",
    "{body} {verb} {sector} in {place}, officials said.",
    "The project in {place} is expected to cost about {amount} billion dollars.",
    "{company} said it would invest {amount} billion yen in {sector} over {years} years.",
    "Officials in {place} said the plan could create {jobs} jobs by {year}.",
    "{person} told reporters that {sector} remained a priority for both countries.",
    "Under the framework, {body} will review applications within {days} days.",
    "Analysts said the move on {sector} was aimed at reducing dependence on China.",
    "{person} and {person2} met in {place} on {day} to discuss {sector}.",
    "The two sides {verb} {sector}, according to a statement released by {body}.",
    "{company} and {company2} formed a joint venture for {sector} in {place}.",
    "A first meeting of the working group on {sector} is planned for {month}.",
    "The agreement covers {sector}, {sector2} and {sector3}.",
    "{body} said financing of up to {amount} billion dollars would be arranged by {month}.",
    "Shares of {company} rose {pct} percent in Tokyo after the announcement.",
    "Critics in {place} questioned whether the {amount} billion dollar target was realistic.",
    "{person} described the talks on {sector} as constructive and forward-looking.",
    "The ministry plans to publish detailed guidelines on {sector} in {month}.",
    "Production at the {place} site is scheduled to start in {year}.",
    "{company} will supply equipment for {sector} to customers in {place}.",
    "The government intends to double capacity in {sector} by {year}.",
    "{body} estimated that demand for {sector} would grow {pct} percent a year.",
    "According to people familiar with the matter, {company} is in talks with {body}.",
    "The statement did not give a timetable for {sector}.",
    "Lawmakers in {place} approved {amount} billion yen for {sector} on {day}.",
    "{person} said the alliance would keep working on {sector} and {sector2}.",
    "Negotiators are expected to meet again in {place} in {month}.",
    "The initiative includes stockpiles of {sector} and shared price information.",
    "{company} expects the {place} plant to employ about {jobs} people.",
    "A spokesperson for {body} declined to comment on {sector}.",
    "The deal follows the summit held in {place} on {day}.",
    "{person2} welcomed the decision and urged quick implementation.",
    "Industry groups said {sector} faced a shortage of skilled workers.",
    "The plan also calls for joint research on {sector} with universities in {place}.",
    "Investors have been waiting for details of the {amount} billion dollar package.",
    "The first shipment under the arrangement is due in {month} {year}.",
]
JA_PEOPLE = _listed(
    "高市早苗首相|トランプ大統領|赤沢亮正経済産業相|ラトニック商務長官|茂木敏充外相|ルビオ国務長官|片山さつき財務相|ベセント財務長官|小泉進次郎防衛相|"
    "ヘグセス国防長官|金子恭之国土交通相|グリア通商代表|木原稔官房長官|ライト・エネルギー長官"
)
JA_BODIES = _listed(
    "経済産業省|米商務省|国際協力銀行|米国務省|国土交通省|米財務省|防衛省|JOGMEC|米輸出入銀行|内閣府|米通商代表部|日本貿易保険"
)
JA_COMPANIES = _listed(
    "東芝|三菱重工業|日立製作所|双日|JERA|東京ガス|ウェスチングハウス|GEベルノバ|ソフトバンク|村田製作所|TDK|パナソニック|今治造船|"
    "ジャパンマリンユナイテッド|三井物産|住友商事|丸紅"
)
JA_SECTORS = _listed(
    "重要鉱物|レアアースの精製|造船|小型モジュール炉|送電網設備|AI向けデータセンター|半導体|電池材料|液化天然ガス|人工ダイヤモンド|原油輸出設備|"
    "ガス火力発電|電子部品|防衛装備品"
)
JA_PLACES = _listed(
    "東京|ワシントン|大阪|テキサス州|オハイオ州|アラスカ州|ペンシルベニア州|長崎|ルイジアナ州|テネシー州|アリゾナ州|広島|横浜"
)
JA_VERBS = _listed(
    "拡大で合意した|計画を発表した|覚書に署名した|協議を始めた|資金支援を表明した|支援を確認した|見直しに着手した|作業部会を設置した|予算を承認した|"
    "早期の進展を求めた"
)
JA_TEMPLATES = [
    "{person}は{day}、{company}との{sector}について政府が{verb}と述べた。",
    "{body}は{place}での{sector}について{verb}。",
    "{place}の事業費は約{amount}億ドルに上る見通しだ。",
    "{company}は今後{years}年間で{sector}に{amount}億円を投じると発表した。",
    "{place}の当局者によると、計画により{year}年までに{jobs}人の雇用が生まれる可能性がある。",
    "{person}は記者団に対し、{sector}は両国にとって引き続き優先課題だと語った。",
    "枠組みのもとで、{body}は{days}日以内に申請を審査する。",
    "専門家は、{sector}を巡る今回の動きは中国への依存を減らす狙いがあると指摘した。",
    "{person}と{person2}は{day}に{place}で会談し、{sector}について協議した。",
    "{body}が公表した声明によると、両国は{sector}について{verb}。",
    "{company}と{company2}は{place}で{sector}の合弁会社を設立した。",
    "{sector}に関する作業部会の初会合は{month}に開かれる予定だ。",
    "合意の対象は{sector}、{sector2}、{sector3}に及ぶ。",
    "{body}は、最大{amount}億ドルの資金を{month}までに手当てすると説明した。",
    "発表を受けて、東京市場で{company}の株価は{pct}％上昇した。",
    "{place}では、{amount}億ドルという目標が現実的かどうか疑問視する声も出ている。",
    "{person}は{sector}を巡る協議について「建設的で前向きだった」と評価した。",
    "同省は{month}に{sector}に関する詳しい指針を公表する方針だ。",
    "{place}の拠点での生産は{year}年に始まる予定だ。",
    "{company}は{place}の顧客に{sector}向けの設備を供給する。",
    "政府は{year}年までに{sector}の能力を倍増させる考えだ。",
    "{body}は、{sector}の需要が年{pct}％のペースで伸びると見込んでいる。",
    "関係者によると、{company}は{body}と協議を進めている。",
    "声明は{sector}の具体的な日程には触れなかった。",
    "{place}の議会は{day}、{sector}向けに{amount}億円を承認した。",
    "{person}は、同盟として{sector}と{sector2}に引き続き取り組むと強調した。",
    "交渉担当者は{month}に{place}で再び会合を開く見通しだ。",
    "取り組みには{sector}の備蓄や価格情報の共有も含まれる。",
    "{company}は{place}の工場で約{jobs}人を雇用する見込みだ。",
    "{body}の報道官は{sector}についてのコメントを控えた。",
    "今回の合意は{day}に{place}で開かれた首脳会談を受けたものだ。",
    "{person2}は決定を歓迎し、速やかな実施を求めた。",
    "業界団体は、{sector}では熟練した人材が不足していると訴えた。",
    "計画には{place}の大学と連携した{sector}の共同研究も盛り込まれた。",
    "投資家は{amount}億ドル規模の支援策の詳細を待っている。",
    "この取り決めに基づく最初の出荷は{year}年{month}を予定している。",
]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
JA_MONTHS = [f"{m}月" for m in range(1, 13)]
SITES = [
    ("kyodo-like", "en"),
    ("jiji-like", "en"),
    ("asahi-like", "ja"),
    ("nikkei-like", "ja"),
    ("reuters-like", "en"),
    ("yomiuri-like", "ja"),
    ("mainichi-like", "ja"),
    ("bloomberg-like", "en"),
    ("nhk-like", "ja"),
    ("japantimes-like", "en"),
]


@dataclass
class Article:
    """One generated text with its labels."""

    key: str
    language: str
    title: str
    sentences: list[str]
    published: date
    group: int
    """The story label: copies share their original's group; follow-ups get their own."""
    site: str = ""
    kind: str = "original"
    """original, copy, heavy-copy or follow-up."""

    @property
    def text(self) -> str:
        """The article's text, paragraphs of three sentences."""
        joiner = "" if self.language == "ja" else " "
        paragraphs = [
            joiner.join(self.sentences[i : i + 3]) for i in range(0, len(self.sentences), 3)
        ]
        return "\n\n".join(paragraphs)


@dataclass
class Corpus:
    """Articles and their story labels."""

    articles: list[Article] = field(default_factory=list)

    def true_pairs(self) -> set[tuple[str, str]]:
        """Pairs of article keys that are the same story."""
        groups: dict[int, list[str]] = {}
        for article in self.articles:
            groups.setdefault(article.group, []).append(article.key)
        return {
            (a, b) if a < b else (b, a)
            for keys in groups.values()
            for i, a in enumerate(keys)
            for b in keys[i + 1 :]
        }


class Generator:
    """Reproducible articles, copies and follow-ups."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)  # noqa: S311 - synthetic data, not security
        self.start = date(2025, 10, 29)

    def _fill(self, template: str, language: str) -> str:
        r = self.random
        ja = language == "ja"
        people = JA_PEOPLE if ja else EN_PEOPLE
        companies = JA_COMPANIES if ja else EN_COMPANIES
        sectors = JA_SECTORS if ja else EN_SECTORS
        day = self.start + timedelta(days=r.randint(0, 150))
        values = {
            "person": r.choice(people),
            "person2": r.choice(people),
            "body": r.choice(JA_BODIES if ja else EN_BODIES),
            "company": r.choice(companies),
            "company2": r.choice(companies),
            "sector": r.choice(sectors),
            "sector2": r.choice(sectors),
            "sector3": r.choice(sectors),
            "place": r.choice(JA_PLACES if ja else EN_PLACES),
            "verb": r.choice(JA_VERBS if ja else EN_VERBS),
            "amount": str(r.choice([r.randint(1, 99), r.randint(100, 9999)])),
            "years": str(r.randint(2, 10)),
            "jobs": f"{r.randint(2, 90) * 100:,}",
            "year": str(r.randint(2026, 2035)),
            "days": str(r.choice([30, 60, 90, 120, 180])),
            "pct": str(r.randint(1, 25)),
            "month": r.choice(JA_MONTHS if ja else EN_MONTHS),
            "day": f"{day.month}月{day.day}日" if ja else f"{EN_MONTHS[day.month - 1]} {day.day}",
        }
        sentence = template.format(**values)
        return sentence[0].upper() + sentence[1:] if not ja else sentence

    def article(
        self, key: str, language: str, group: int, *, sentences: tuple[int, int]
    ) -> Article:
        """A new article of a number of sentences within the range."""
        templates = JA_TEMPLATES if language == "ja" else EN_TEMPLATES
        count = self.random.randint(*sentences)
        body = [self._fill(self.random.choice(templates), language) for _ in range(count)]
        title = self._fill(self.random.choice(templates[:12]), language).rstrip("。.")
        published = self.start + timedelta(days=self.random.randint(0, 150))
        return Article(key, language, title, body, published, group)

    def copy(self, original: Article, key: str, *, heavy: bool = False) -> Article:
        """A syndicated copy: a dateline, a few edits; with ``heavy``, a third cut."""
        r = self.random
        sentences = list(original.sentences)
        ja = original.language == "ja"
        if heavy:
            keep = max(3, int(len(sentences) * 0.68))
            sentences = sentences[:keep]
        else:
            if len(sentences) > 15 and r.random() < 0.5:
                sentences.pop(r.randrange(1, len(sentences)))
            for _ in range(r.randint(0, 2)):
                position = r.randrange(len(sentences))
                sentences[position] = _touch(sentences[position], r)
        dateline = "【共同】" if ja else "TOKYO (Wire) — "
        sentences[0] = dateline + sentences[0]
        if r.random() < 0.2:
            templates = JA_TEMPLATES if ja else EN_TEMPLATES
            sentences.append(self._fill(r.choice(templates), original.language))
        title = original.title if r.random() < 0.6 else _touch(original.title, r)
        return Article(
            key,
            original.language,
            title,
            sentences,
            original.published,
            original.group,
            kind="heavy-copy" if heavy else "copy",
        )

    def bulletin(self, original: Article, key: str, group: int) -> Article:
        """The next issue of a formulaic bulletin: the same sentences, new figures and dates.

        A different story (a different day's figures) that text similarity cannot tell from a
        copy; it measures what near-duplicate grouping wrongly merges.
        """
        r = self.random
        sentences = [_renumber(sentence, r) for sentence in original.sentences]
        return Article(
            key,
            original.language,
            _renumber(original.title, r),
            sentences,
            original.published + timedelta(days=r.randint(1, 7)),
            group,
            kind="bulletin",
        )

    def follow_up(self, original: Article, key: str, group: int) -> Article:
        """A new article on the same event: a third of the earlier sentences, the rest new."""
        templates = JA_TEMPLATES if original.language == "ja" else EN_TEMPLATES
        reused = self.random.sample(original.sentences, max(1, len(original.sentences) // 3))
        fresh = [
            self._fill(self.random.choice(templates), original.language)
            for _ in range(len(original.sentences) - len(reused))
        ]
        sentences = fresh[:2] + reused + fresh[2:]
        return Article(
            key,
            original.language,
            self._fill(self.random.choice(templates[:12]), original.language).rstrip("。."),
            sentences,
            original.published + timedelta(days=self.random.randint(1, 10)),
            group,
            kind="follow-up",
        )


def _renumber(sentence: str, r: random.Random) -> str:
    """Every number in a sentence replaced by another of the same length."""
    return "".join(str(r.randint(0, 9)) if ch.isdigit() else ch for ch in sentence)


def _touch(sentence: str, r: random.Random) -> str:
    """A small edit: a number changed, or a word dropped."""
    digits = [i for i, ch in enumerate(sentence) if ch.isdigit()]
    if digits:
        at = r.choice(digits)
        return sentence[:at] + str((int(sentence[at]) + 1) % 10) + sentence[at + 1 :]
    words = sentence.split(" ")
    if len(words) > 4:
        words.pop(r.randrange(1, len(words) - 1))
        return " ".join(words)
    return sentence.replace("。", "という。", 1) if "。" in sentence else sentence + "."


def build_corpus(
    stories: int,
    *,
    seed: int = 20251028,
    copy_share: float = 0.3,
    follow_share: float = 0.05,
    heavy_share: float = 0.1,
    bulletin_share: float = 0.02,
    sentences: tuple[int, int] = (12, 60),
) -> Corpus:
    """``stories`` originals, with copies (1-3 each) and follow-ups, labelled, shuffled."""
    generator = Generator(seed)
    corpus = Corpus()
    group = 0
    for number in range(stories):
        language = "ja" if number % 2 else "en"
        original = generator.article(f"a{number:05d}", language, group, sentences=sentences)
        corpus.articles.append(original)
        if generator.random.random() < copy_share:
            for copy_number in range(generator.random.randint(1, 3)):
                heavy = generator.random.random() < heavy_share
                corpus.articles.append(
                    generator.copy(original, f"a{number:05d}c{copy_number}", heavy=heavy)
                )
        group += 1
        if generator.random.random() < follow_share:
            corpus.articles.append(generator.follow_up(original, f"a{number:05d}f", group))
            group += 1
        if generator.random.random() < bulletin_share:
            corpus.articles.append(generator.bulletin(original, f"a{number:05d}b", group))
            group += 1
    generator.random.shuffle(corpus.articles)
    for position, article in enumerate(corpus.articles):
        article.site = SITES[position % len(SITES)][0]
    return corpus


# --- pages -------------------------------------------------------------------------------

_NAV_EN = _listed("Home|Politics|Business|Markets|World|Technology|Opinion|Sports")
_NAV_JA = _listed("トップ|政治|経済|マーケット|国際|テクノロジー|オピニオン|スポーツ")


def _boilerplate_links(r: random.Random, language: str, count: int) -> str:
    words = (
        ["速報", "解説", "特集", "動画", "写真", "ランキング", "連載", "社説"]
        if language == "ja"
        else [
            "Breaking",
            "Analysis",
            "Feature",
            "Video",
            "Photos",
            "Ranking",
            "Series",
            "Editorial",
        ]
    )
    items = []
    for _ in range(count):
        label = f"{r.choice(words)} {r.randint(1, 9999)}"
        items.append(
            f'<li><a href="/section/{r.randint(1, 999)}/{r.randint(1, 99999)}">{label}</a></li>'
        )
    return "".join(items)


def page_html(article: Article, *, url: str, headlines: list[str], size_target: int) -> bytes:
    """The article in a news site's page, padded with boilerplate to about ``size_target`` bytes."""
    r = random.Random(f"{article.key}-{article.site}")  # noqa: S311 - synthetic data
    ja = article.language == "ja"
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in (_NAV_JA if ja else _NAV_EN))
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.text.split("\n\n"))
    most_read = "".join(
        f'<li><a href="/news/{r.randint(1, 99999)}">{escape(h)}</a></li>' for h in headlines
    )
    published = article.published.isoformat()
    head = (
        f'<!DOCTYPE html><html lang="{article.language}"><head><meta charset="utf-8">'
        f"<title>{escape(article.title)} | {article.site}</title>"
        f'<meta property="og:title" content="{escape(article.title)}">'
        f'<meta property="article:published_time" content="{published}T09:00:00+09:00">'
        f'<link rel="canonical" href="{escape(url)}"></head><body>'
        f'<header><div class="logo">{article.site}</div><nav><ul>{nav}</ul></nav></header>'
    )
    body = (
        f"<main><article><h1>{escape(article.title)}</h1>"
        f'<time datetime="{published}">{published}</time>'
        f'<div class="article-body">{paragraphs}</div></article>'
        f'<aside class="most-read"><h2>{"よく読まれている記事" if ja else "Most read"}</h2>'
        f"<ol>{most_read}</ol></aside></main>"
    )
    footer_links = _boilerplate_links(r, article.language, 40)
    footer = (
        f'<footer><ul class="links">{footer_links}</ul>'
        f"<p>© 2026 {article.site}. {'無断転載を禁じます。' if ja else 'All rights reserved.'}</p>"
        "</footer>"
    )
    html = head + body + footer
    padding: list[str] = []
    size = len(html.encode("utf-8"))
    while size < size_target:
        chunk = (
            "<script>window.__ads=window.__ads||[];window.__ads.push("
            + ",".join(f'{{"slot":"s{r.randint(1, 99999)}","size":[300,250]}}' for _ in range(40))
            + ");</script>"
            f'<div class="related"><ul>{_boilerplate_links(r, article.language, 30)}</ul></div>'
        )
        padding.append(chunk)
        size += len(chunk.encode("utf-8"))
    return (html.replace("</body>", "") + "".join(padding) + "</body></html>").encode("utf-8")


def pages(
    corpus: Corpus, *, seed: int = 7, sizes: tuple[int, int] = (20_000, 80_000)
) -> Iterator[tuple[Article, bytes]]:
    """Every article as an HTML page of 20-80 KB."""
    r = random.Random(seed)  # noqa: S311 - synthetic data, not security
    titles = [a.title for a in corpus.articles]
    for article in corpus.articles:
        headlines = r.sample(titles, 10)
        yield (
            article,
            page_html(
                article,
                url=f"/{article.site}/{article.key}.html",
                headlines=headlines,
                size_target=r.randint(*sizes),
            ),
        )
