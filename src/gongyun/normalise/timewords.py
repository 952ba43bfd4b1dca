"""Time words (上旬, 年底, 冬, 次日…) and the day ranges they stand for.

This table is the code's copy of graph/vocab/time-words.ttl; tests/test_dates.py loads the
Turtle and checks that both say the same thing, so the data and the code cannot drift.

Ranges are given in one of three frames (the ttl uses the same property names):
- within a month (`start_day`, `end_day`): day of the month; a negative day counts back from
  the month's end, -1 being its last day (下旬 = 21 .. -1);
- within a year (`start_month`/`start_day` .. `end_month`/`end_day`, plus `end_year_offset`
  when the span runs into the next year, as winter does);
- from an anchor day (`start_day_offset` .. `end_day_offset`, in days) or an anchor year
  (`year_offset`).

Choices (all windows are outer bounds, as gy:earliest / gy:latest are):
- Seasons contain both the traditional solar-term season (立春 ~4 Feb to 立夏 ~5 May, 立夏 to
  立秋 ~7 Aug, 立秋 to 立冬 ~7 Nov, 立冬 to the next 立春) and the meteorological one (Mar-May,
  Jun-Aug, Sep-Nov, Dec-Feb), widened to whole months: spring Feb-May, summer May-Aug, autumn
  Aug-Nov, winter Nov-Feb of the next year. "1937年冬" is 1937-11-01 .. 1938-02-28.
- 年初 is January-February and 年底 November-December; 月初 is days 1-10 and 月底 days 21 to the
  end (the first and last 旬).
- 前夕 (eve) is the ten days before the anchor day, the anchor day excluded.
- 间 ("during") adds no range: the window is that of the period it follows (1941年间 = 1941).
- 同时 / 与此同时 ("at the same time") and …时 / …期间 ("during" an event named in words) take
  the window of their anchor, which the caller gives as context (frame "context").
- Words that say only "after" (随后, 之后, 会后, 接着, …后) run from the anchor (the context) to an
  open end (frame "open-after": the window has no latest day).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongyun.namespaces import concept_id, resource_iri, scheme_id

SCHEME = resource_iri(scheme_id("timeword"))


@dataclass(frozen=True)
class TimeWord:
    id: str
    surfaces: tuple[str, ...]  # the first is the skos:prefLabel @zh, the rest skos:altLabel
    en: str
    definition: str
    # "month" | "year" | "anchor-day" | "anchor-year" | "period" | "context" | "open-after"
    frame: str
    start_month: int | None = None
    start_day: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    end_year_offset: int | None = None
    start_day_offset: int | None = None
    end_day_offset: int | None = None
    year_offset: int | None = None


def _month(id_, surfaces, en, definition, start, end) -> TimeWord:
    return TimeWord(id_, surfaces, en, definition, "month", start_day=start, end_day=end)


def _year(id_, surfaces, en, definition, sm, sd, em, ed, eyo=0) -> TimeWord:
    return TimeWord(id_, surfaces, en, definition, "year", start_month=sm, start_day=sd,
                    end_month=em, end_day=ed, end_year_offset=eyo)


TIME_WORD_LIST: tuple[TimeWord, ...] = (
    _month("shangxun", ("上旬",), "first ten days of the month",
           "Days 1 to 10 of a month.", 1, 10),
    _month("zhongxun", ("中旬",), "middle ten days of the month",
           "Days 11 to 20 of a month.", 11, 20),
    _month("xiaxun", ("下旬",), "last ten days of the month",
           "Day 21 to the last day of a month (8 to 11 days).", 21, -1),
    _month("early-month", ("月初",), "beginning of the month",
           "The beginning of a month, read as its first ten days (the 上旬).", 1, 10),
    _month("end-of-month", ("月底", "月末"), "end of the month",
           "The end of a month, read as day 21 to its last day (the 下旬).", 21, -1),
    _year("early-year", ("年初",), "beginning of the year",
          "The beginning of a year, read as January and February.", 1, 1, 2, -1),
    _year("end-of-year", ("年底", "年末"), "end of the year",
          "The end of a year, read as November and December.", 11, 1, 12, -1),
    _year("spring", ("春", "春季", "春天"), "spring",
          "Spring of a year: 1 February to 31 May, enclosing both the solar-term spring "
          "(立春 to 立夏) and the meteorological spring (March to May).", 2, 1, 5, -1),
    _year("summer", ("夏", "夏季", "夏天"), "summer",
          "Summer of a year: 1 May to 31 August, enclosing both the solar-term summer "
          "(立夏 to 立秋) and the meteorological summer (June to August).", 5, 1, 8, -1),
    _year("autumn", ("秋", "秋季", "秋天"), "autumn",
          "Autumn of a year: 1 August to 30 November, enclosing both the solar-term autumn "
          "(立秋 to 立冬) and the meteorological autumn (September to November).", 8, 1, 11, -1),
    _year("winter", ("冬", "冬季", "冬天"), "winter",
          "Winter of a year Y: 1 November of Y to the last day of February of Y+1, enclosing "
          "both the solar-term winter (立冬 to 立春) and the meteorological winter (December to "
          "February).", 11, 1, 2, -1, 1),
    TimeWord("jian", ("间",), "during",
             "During the period named before it (1941年间, 三四月间); adds no range of its own: "
             "the window is that of the period.", "period"),
    TimeWord("eve", ("前夕",), "eve",
             "The eve of an anchor day or event, read as the ten days before it, the anchor day "
             "excluded.", "anchor-day", start_day_offset=-10, end_day_offset=-1),
    TimeWord("next-day", ("次日", "第二天", "翌日"), "the next day",
             "The day after the anchor day.", "anchor-day", start_day_offset=1,
             end_day_offset=1),
    TimeWord("same-day", ("同日", "当日", "当天"), "the same day",
             "The anchor day itself.", "anchor-day", start_day_offset=0, end_day_offset=0),
    TimeWord("same-time", ("同时", "与此同时", "此时", "这时", "当时"), "at the same time",
             "At the same time as an anchor (an event or date named before): the window is the "
             "anchor's, which the annotation gives as context.", "context"),
    TimeWord("during", ("时", "期间"), "during",
             "During an anchor event named before the word (台儿庄大会战时): the window is the "
             "anchor's, which the annotation gives as context.", "context"),
    TimeWord("after", ("后", "之后", "以后", "此后", "其后", "随后", "会后", "接着", "后来"),
             "after",
             "After an anchor (an event or date named before, given as context), with no end the "
             "text states: the window runs from the anchor to an open end.", "open-after",
             start_day_offset=0),
    TimeWord("next-year", ("次年", "翌年"), "the next year",
             "The year after the anchor year.", "anchor-year", year_offset=1),
    TimeWord("same-year", ("同年", "当年"), "the same year",
             "The anchor year itself.", "anchor-year", year_offset=0),
)

TIME_WORDS: dict[str, TimeWord] = {t.id: t for t in TIME_WORD_LIST}
BY_SURFACE: dict[str, TimeWord] = {s: t for t in TIME_WORD_LIST for s in t.surfaces}


def timeword_iri(word_id: str) -> str:
    return resource_iri(concept_id("timeword", word_id))
