"""Numbers as newsrooms write them (issue 14): Indian numbering, fractions of a scale, signs, odd digit
groupings, scale suffixes and currency codes, compound ordinals, ranges, tolls as subjects, and page chrome.
Every sentence here is written for the test, in the style of a wire or regional report."""

from __future__ import annotations

import json

import pytest

from tui.cli import main
from tui.corpus.figures import Figure, figures_in_text


def only(text: str, **want: object) -> Figure:
    figs = figures_in_text(text)
    hits = [f for f in figs if all(getattr(f, k) == pytest.approx(v) if isinstance(v, float) else getattr(f, k) == v
                                   for k, v in want.items())]  # fmt: skip
    assert len(hits) == 1, (
        f"wanted one figure with {want}, got {[(f.surface, f.kind, f.value, f.counts) for f in figs]}"
    )
    return hits[0]


def values(text: str) -> list[float]:
    return [f.value for f in figures_in_text(text)]


# -- Indian numbering ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, surface",
    [
        ("The state has sought Rs 500 crore from the Centre for relief work.", 5e9, "Rs 500 crore"),
        ("The flyover was built at a cost of Rs 2,600-crore over four years.", 2.6e10, "Rs 2,600-crore"),
        ("A Rs220-crore embankment project was cleared on Monday.", 2.2e9, "Rs220-crore"),
        ("Each family will receive Rs.45 lakh in compensation, the minister said.", 4.5e6, "Rs.45 lakh"),
        ("The board approved ₹1.5 lakh crore for the rail corridor.", 1.5e12, "₹1.5 lakh crore"),
        ("Farmers were promised ₹ 12,000 per acre for damaged crops.", 12_000.0, "₹ 12,000"),
    ],
)
def test_rupee_amounts_in_every_spacing(text, value, surface):
    fig = only(text, kind="money")
    assert (fig.value, fig.unit) == (pytest.approx(value), "INR") and fig.surface.startswith(surface)


def test_lakh_of_people_is_a_count_of_people():
    fig = only("Nearly 10.3 lakh people in 19 districts have been hit by the floods.", kind="count", counts="people")
    assert fig.value == 1_030_000 and fig.qualifier == "nearly"


@pytest.mark.parametrize(
    "text, value",
    [
        ("About 7,00,000 people live along the river.", 700_000.0),
        ("The scheme covers 1,00,000 households.", 100_000.0),
        ("Revenue stood at 12,34,567.89 rupees.", 1_234_567.89),
    ],
)
def test_indian_digit_grouping_is_one_number(text, value):
    assert values(text)[0] == pytest.approx(value)
    assert len(figures_in_text(text)) == 1


# -- fractions joined to scales, signs, decimals, digit groups -------------------------------------------


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("Half a million people fled the coast ahead of the cyclone.", 500_000, "count"),
        ("Some five and a half million voters are registered.", 5_500_000, "count"),
        ("A quarter million dollars was raised for the victims.", 250_000, "money"),
        ("Three quarters of a million tonnes of grain rotted.", 750_000, "other"),
        ("Officials said one and a half billion litres were released.", 1_500_000_000, "other"),
        ("Half a dozen boats capsized.", 6, "count"),
    ],
)
def test_fraction_of_a_scale_is_one_figure(text, value, kind):
    figs = figures_in_text(text)
    assert [(f.value, f.kind) for f in figs] == [(value, kind)]


def test_signs_written_as_words_or_a_minus():
    assert only("Exports grew minus five percent last quarter.", kind="percent").value == -5
    assert only("Temperatures fell to -20 degrees overnight in the valley.").value == -20
    assert only("The index moved negative 3 points.").value == -3


def test_decimal_without_leading_zero_and_space_grouped_digits():
    assert only("The blood alcohol limit is .08 in most states.").value == pytest.approx(0.08)
    assert values("The census counted 1 414 021 100 residents.") == [1_414_021_100]
    assert values("Capacity rose to 40\u202f000 seats.") == [40_000]


def test_one_space_group_of_zeros_is_one_number():
    # "000" is never a number of its own: "42 000" is forty-two thousand, not 42 and 0
    assert values("Nearly 42 000 residents left the valley.") == [42_000]
    assert values("The pipe carries 3 050 litres a minute.") == [3_050]


def test_a_date_followed_by_a_count_stays_two_numbers():
    figs = figures_in_text("On June 4 300 troops crossed the river.")
    assert [f.kind for f in figs] == ["date", "count"] and figs[1].value == 300


# -- scale suffixes and currency codes -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The lender wrote off 10 bln roubles.", 1e10, "RUB"),
        ("The contract is worth 30 MUSD over five years.", 3e7, "USD"),
        ("Investors put in US$ 1MM at the seed stage.", 1e6, "USD"),
        ("The club paid 75 USD million for the striker.", 7.5e7, "USD"),
        ("Ottawa pledged C$ 5 million in aid.", 5e6, "CAD"),
        ("The tycoon sold his stake for HK$ 20 bn.", 2e10, "HKD"),
        ("Canberra set aside A$3.5 mn for the inquiry.", 3.5e6, "AUD"),
        ("The start-up raised 1.8M dollars.", 1.8e6, "USD"),
        ("The bank lent 250 SEK million to the city.", 2.5e8, "SEK"),
    ],
)
def test_scale_and_currency_before_or_after(text, value, unit):
    fig = only(text, kind="money")
    assert (fig.value, fig.unit) == (pytest.approx(value), unit)


def test_k_suffix_counts_people():
    assert only("The rally drew 40K supporters.", kind="count").value == 40_000


# -- ordinals and number words after "the" ----------------------------------------------------------------


def test_compound_ordinals():
    assert only("It was the twenty-first flood this decade.", kind="ordinal").value == 21
    assert only("She finished 2nd in the state exam.", kind="ordinal").value == 2


def test_number_word_after_the_when_it_measures():
    assert only("Pilgrims walked the six-mile trip to the shrine.", kind="distance").value == 6
    figs = figures_in_text("Five of the three-ton satellites failed to reach orbit.")
    assert [(f.value, f.kind) for f in figs] == [(5, "count"), (3, "other")]
    assert figures_in_text("The two countries signed the accord.") == []


# -- ranges ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("Between 20,000 and 50,000 people joined the march.", 20_000, 50_000),
        ("The harvest is expected at 10-12 million tonnes.", 10e6, 12e6),
        ("Estimates ranged from 200 to 300 deaths.", 200, 300),
        ("Police put the crowd at more than 10,000 and less than 15,000.", 10_000, 15_000),
        ("Wages run 1000 - 5000 rupees a month.", 1000, 5000),
    ],
)
def test_ranges(text, low, high):
    fig = next(f for f in figures_in_text(text) if f.value_max is not None)
    assert (fig.value, fig.value_max) == (low, high)


def test_a_change_is_not_a_range():
    figs = figures_in_text("The death toll rose from 10 to 20 overnight.")
    assert all(f.value_max is None for f in figs)


# -- what a toll counts; nothing carried across sentences -------------------------------------------------


def test_toll_as_subject_counts_deaths():
    text = "The floods affected 10 lakh people in Assam. The death toll from the floods has neared 400."
    toll = only(text, value=400.0)
    assert toll.counts == "deaths" and toll.counts_inferred
    assert only("The toll rose to 357 on Monday.", value=357.0).counts == "deaths"
    assert only("The casualty toll stood at 12.", value=12.0).counts == "casualties"


def test_number_of_subject_counts_its_noun():
    fig = only("The number of displaced families reached 900 by evening.", value=900.0)
    assert fig.counts == "displaced families"


def test_count_is_not_carried_from_another_sentence():
    text = "Rescuers evacuated 3,000 villagers. By night, 450 had returned."
    late = only(text, value=450.0)
    assert late.counts is None and not late.counts_inferred


# -- page chrome ------------------------------------------------------------------------------------------


def test_view_counts_and_newsletter_lines_are_not_news():
    assert figures_in_text("448 views") == []
    assert figures_in_text("Sign up for our newsletter, delivered three times a week.") == []
    assert only("The ferry sails three times a week.").value == 3  # a real schedule is still a figure
    assert only("The video had 448 views before it was removed.").counts == "views"


def test_no_figures_inside_web_addresses():
    assert figures_in_text("Read more at https://example.com/report?q=30%25&year=2020 for details.") == []


# -- the CLI on a report in Indian English ------------------------------------------------------------------

INDIAN_REPORT = """Assam floods: Centre releases Rs 500 crore as toll nears 400

Guwahati: The Centre on Tuesday released Rs 500 crore for flood relief in Assam, where 10.3 lakh people
across 19 districts remain affected, officials said.

About 7,00,000 people have taken shelter in 1,200 relief camps, the disaster management authority said.
"""


def test_cli_reads_indian_english_report(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    raw = tmp_path / "assam-floods.txt"
    raw.write_text(INDIAN_REPORT, encoding="utf-8")
    corpus = tmp_path / "articles"
    assert main(["ingest", "--articles", str(corpus), str(raw)]) == 0
    capsys.readouterr()
    assert main(["figures", "--articles", str(corpus), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    got = {(r["surface"], r["kind"], r["value"], r["unit"], r["counts"]) for r in records}
    assert ("Rs 500 crore", "money", 5_000_000_000, "INR", None) in got
    assert ("10.3 lakh people", "count", 1_030_000, None, "people") in got
    assert ("7,00,000 people", "count", 700_000, None, "people") in got
    assert main(["figures", "--articles", str(corpus)]) == 0
    table = capsys.readouterr().out
    assert all(v in table for v in ("5 billion", "1,030,000", "700,000", "Rs 500 crore", "10.3 lakh people"))


# -- currencies by name, units by prefix, compound amounts --------------------------------------------------


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Ottawa will spend 3.5 million Canadian dollars on the bridge.", 3.5e6, "CAD"),
        ("The tycoon paid 300 Hong Kong dollars a night.", 300, "HKD"),
        ("Nokia paid 420 million Finnish markka for the cable maker.", 4.2e8, "FIM"),
        ("The fine was 500 Swiss francs.", 500, "CHF"),
        ("Farmers sold rice at 20 pesos a kilo.", 20, "MXN"),
        ("The ticket cost 3 dollars 50 cents.", 3.5, "USD"),
    ],
)
def test_currencies_named_in_words(text, value, unit):
    fig = only(text, kind="money")
    assert (fig.value, fig.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    "text, value, kind, unit",
    [
        ("The chip's gates are 2 picometers apart.", 2, "distance", "picometer"),
        ("Each dose holds 30 micrograms of vaccine.", 30, "other", "microgram"),
        ("The port handled 4 metric tons of rice.", 4, "other", "ton"),
        ("Police seized 15 pounds of cocaine.", 15, "other", "pound-mass"),
        ("The store covers 5,000-square-foot on two floors.", 5000, "other", "square foot"),
        ("The suspect is 5 feet 2 inches tall.", 5 + 2 / 12, "distance", "foot"),
        ("It was 90 fahrenheit in Houston.", 90, "other", "degree Fahrenheit"),
    ],
)
def test_units_by_prefix_and_compound_measures(text, value, kind, unit):
    fig = only(text, kind=kind)
    assert (fig.value, fig.unit) == (pytest.approx(value), unit)


def test_vague_pounds_of_damage_stay_money():
    assert only("The storm caused millions of pounds of damage.").kind == "money"


def test_spoken_fractions_and_mixed_numbers():
    assert only("The rate rose by three and one fourth points.").value == 3.25
    assert only("Only one out of three wells works.", kind="fraction").value == pytest.approx(1 / 3)
    assert only("The bill came to 3 hundred and 21 dollars.", kind="money").value == 321
    assert only("It measured 6.23x10^-4 on the scale.").value == pytest.approx(6.23e-4)


@pytest.mark.parametrize(
    "text, value, kind, unit",
    [
        ("Inflation eased to 5pc in March.", 5, "percent", "%"),
        ("The party gained 0.5 percentage points.", 0.5, "percent", "percentage point"),
        ("Rates were cut by half a percent.", 0.5, "percent", "%"),
        ("Temperatures hit 40C in Delhi.", 40, "other", "degree Celsius"),
        ("A 4.5-magnitude quake struck the coast.", 4.5, "other", "magnitude"),
        ("The driver, aged 34, was arrested.", 34, "duration", "year"),
        ("Seoul set aside 1.5 trillion won for the recovery.", 1.5e12, "money", "KRW"),
        ("Petrobras raised R$ 5 billion.", 5e9, "money", "BRL"),
    ],
)
def test_more_newsroom_units(text, value, kind, unit):
    fig = only(text, kind=kind)
    assert (fig.value, fig.unit) == (pytest.approx(value), unit)


def test_ratios_and_hyphenated_fractions():
    assert only("Two-thirds of voters backed the plan.", kind="fraction").counts == "voters"
    fig = only("One in five adults has no bank account.", kind="fraction")
    assert fig.value == pytest.approx(0.2) and fig.counts == "adults"
    assert all(f.kind != "fraction" for f in figures_in_text("One in 2019 and 1 in 10 days."))


def test_a_code_is_not_a_temperature():
    assert all(f.kind != "other" for f in figures_in_text("Room 5C was closed."))


def test_decades_ages_and_slashes():
    fig = only("A man in his 60s was rescued.")
    assert (fig.kind, fig.value, fig.value_max, fig.unit) == ("duration", 60, 69, "year")
    assert figures_in_text("Music from the '90s played.") == []
    assert figures_in_text("The channel runs 24/7 coverage of the 2022/23 season.") == []
    assert only("Prices rose 3-4% this year.", kind="percent").value_max == 4


def test_count_is_not_carried_past_a_semicolon():
    figs = figures_in_text("More than 1,000 people came; fewer than 50 stayed.")
    assert [f.counts for f in figs] == ["people", None]


@pytest.mark.parametrize(
    "text, low, high, kind",
    [
        ("Sales were at least 20 but no more than 30 units.", 20, 30, "count"),
        ("Growth of 2%-3% is expected.", 2, 3, "percent"),
        ("Doses from 44 mg to 50 mg were tested.", 44, 50, "other"),
    ],
)
def test_more_ranges(text, low, high, kind):
    fig = only(text, kind=kind)
    assert (fig.value, fig.value_max) == (low, high)


def test_slang_and_hyphenated_currency():
    assert only("He owed 20 quid.", kind="money").unit == "GBP"
    assert only("They bought a million-dollar home.", kind="money").value == 1e6
    assert only("Coins worth 15 euro cents were found.", kind="money").unit == "EUR-cent"
    assert all(f.value_max is None for f in figures_in_text("Inflation rose from 2% to 3%."))


def test_ages_and_millions_written_m():
    assert only("She was five years old.", kind="duration").surface == "five years old"
    assert only("He died at the age of 87.", kind="duration").unit == "year"
    assert only("Nine in 10 voters agreed.", kind="fraction").value == pytest.approx(0.9)
    assert only("The census counted 5.5m people.", kind="count").value == 5.5e6
    assert only("They built a 5m wall.", kind="distance").value == 5


# -- first, second, third: ordinals when they qualify something, not adverbs ---------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("The first two lorries reached the border crossing at dawn.", 1.0),
        ("Of the three candidates, the second one withdrew on Tuesday.", 2.0),
        ("She was the first to cross the finish line in Oslo.", 1.0),
        ("The minister's visit was his third in a year.", 3.0),
        ("The Kenyan runner finished second behind the defending champion.", 2.0),
    ],
)
def test_first_second_third_after_a_determiner_or_placing_verb(text, value):
    assert only(text, kind="ordinal").value == value


def test_the_number_after_an_ordinal_is_still_counted():
    text = "The first 100 days of the new government were marked by protests."
    assert only(text, kind="ordinal").value == 1.0
    assert only(text, kind="duration").value == 100.0


@pytest.mark.parametrize(
    "text",
    [
        "At first, officials denied that any shelling had taken place.",
        "First, the convoy must clear the checkpoint.",
        "Wait a second, the spokesman told reporters.",
        "She came second to last in the qualifying heat.",
        "The motion was seconded by the opposition leader.",
    ],
)
def test_adverbs_times_and_places_from_the_end_are_not_ordinals(text):
    assert [f for f in figures_in_text(text) if f.kind == "ordinal"] == []


def test_a_day_written_as_an_ordinal_word_is_a_date():
    fig = only("The ceasefire began on the twenty-first of March 2024.", kind="date")
    assert fig.date == "2024-03-21" and fig.surface == "twenty-first of March 2024"
    assert only("Talks resume on the second of June.", kind="date").surface == "second of June"


# -- cents left unnamed ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("A litre of petrol now costs two dollars forty-five, drivers complained.", 2.45, "USD"),
        ("The fare went up to 3 euros 20 in January.", 3.2, "EUR"),
    ],
)
def test_a_whole_amount_followed_by_its_unnamed_cents(text, value, unit):
    fig = only(text, kind="money")
    assert (fig.value, fig.unit) == (pytest.approx(value), unit)


def test_a_count_after_an_amount_is_not_its_cents():
    figs = figures_in_text("Organisers paid 5 dollars 20 volunteers could not refuse.")
    assert [(f.value, f.kind) for f in figs] == [(5.0, "money"), (20.0, "count")]


def test_a_preposition_ends_what_is_counted():
    assert only("Some 200 commandos behind enemy lines were cut off.", kind="count").counts == "commandos"
    assert only("Nearly 40 families beyond the dam refused to leave.", kind="count").counts == "families"


# -- two bounds make a range; "10M" is ten million ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, low, high, kind",
    [
        ("Turnout in the district was above 40 percent and below 60 percent.", 40.0, 60.0, "percent"),
        ("Daily fares are more than $10 and less than $25 for most commuters.", 10.0, 25.0, "money"),
        ("The shelter lies more than 5 km and less than 10 km from the front.", 5.0, 10.0, "distance"),
        ("Grants must be greater or equal to 200 and less or equal to 900.", 200.0, 900.0, "count"),
    ],
)
def test_opposite_bounds_on_one_measure_make_a_range(text, low, high, kind):
    fig = only(text, kind=kind)
    assert (fig.value, fig.value_max) == (low, high)


def test_bounds_that_point_the_same_way_stay_apart():
    figs = figures_in_text("Support rose to more than 40 percent and at least 50 percent in the cities.")
    assert [(f.value, f.value_max) for f in figs] == [(40.0, None), (50.0, None)]


def test_capital_m_after_digits_is_millions_lower_case_m_metres():
    assert only("Its user base passed 10M last year.", kind="count").value == 10_000_000
    assert only("Floodwater rose to 5m in the old town.", kind="distance").value == 5.0


# -- currency prefixes spaced from "$"; "a year earlier" is no rate; ages between commas ----------------------


@pytest.mark.parametrize(
    "text, unit",
    [
        ("The dairy group sold its stake for NZ $ 50 million.", "NZD"),
        ("Exports of toys fell to HK $ 10.05 billion in the year.", "HKD"),
        ("The project will cost us $5 million more, the mayor said.", "USD"),
    ],
)
def test_a_country_prefix_may_stand_apart_from_the_dollar_sign(text, unit):
    fig = only(text, kind="money")
    assert fig.unit == unit and fig.surface.lower().startswith(("nz", "hk", "$"))


def test_a_single_letter_before_a_spaced_dollar_is_the_article():
    assert only("He paid a $ 5 fine at the courthouse.", kind="money").unit == "USD"


def test_a_year_earlier_is_a_comparison_not_a_rate():
    figs = figures_in_text("Unemployment fell to 3.9% in March from 4.1% a year earlier.")
    assert [(f.value, f.per) for f in figs if f.kind == "percent"] == [(3.9, None), (4.1, None)]
    assert only("Rents rise 3% a year on average.", kind="percent").per == "year"


@pytest.mark.parametrize(
    "text, age",
    [
        ("Maria Lopez, 34, was pulled from the rubble on Sunday.", 34.0),
        ("Her son, 12, was treated for smoke inhalation.", 12.0),
        ("The novelist died at 86 in a Lisbon hospital.", 86.0),
    ],
)
def test_a_bare_number_after_a_person_is_an_age(text, age):
    fig = only(text, kind="duration")
    assert (fig.value, fig.unit) == (age, "year")


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, 27, 28 and 29 were named as holidays.",
        "Sales at 86 stores rose last quarter.",
        "On Tuesday, 40 people were rescued.",
    ],
)
def test_numbers_after_days_lists_and_places_are_not_ages(text):
    assert [f for f in figures_in_text(text) if f.kind == "duration"] == []


# -- spelled ordinals past "tenth" -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("The city marked the two hundredth anniversary of its founding.", 200.0),
        ("Celebrations for the one hundred and fiftieth anniversary began at noon.", 150.0),
        ("The museum welcomed its millionth visitor on Friday.", 1_000_000.0),
        ("Historians call it the defining war of the twenty first century.", 21.0),
    ],
)
def test_spelled_ordinals_built_from_a_number(text, value):
    assert only(text, kind="ordinal").value == value


def test_a_number_before_a_hyphenated_ordinal_word_still_counts():
    fig = only("A hundred first-time buyers queued outside the showroom.", kind="count")
    assert (fig.value, fig.counts) == (100.0, "first-time buyers")


def test_a_millionth_of_a_second_is_a_fraction():
    assert only("The sensor reacts in a millionth of a second.", kind="fraction").value == pytest.approx(1e-6)


@pytest.mark.parametrize(
    "text",
    [
        "Dealers reported brisk trade in second-hand cars after the tax change.",
        "The first lady opened the new children's ward.",
        "Witnesses gave first-hand accounts of the collapse.",
        "A third-party candidate drew 4% of the vote.",
    ],
)
def test_set_phrases_with_first_second_third_are_no_ordinals(text):
    assert [f for f in figures_in_text(text) if f.kind == "ordinal"] == []


def test_a_rank_with_a_hyphen_is_still_an_ordinal():
    assert only("Lagos is the continent's second-largest city by population.", kind="ordinal").value == 2.0


# -- below zero; pence written "p" -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("Overnight the thermometer sank to 25 degrees below zero.", -25.0),
        ("By dawn it was 8 below zero on the mountain road.", -8.0),
        ("Even at noon it was only 3 degrees above zero.", 3.0),
    ],
)
def test_below_zero_is_a_negative_temperature(text, value):
    fig = only(text, kind="other")
    assert (fig.value, fig.unit) == (value, "degree") and fig.surface.endswith("zero")
    assert [f for f in figures_in_text(text) if f.kind == "count"] == []


def test_pence_written_with_a_p():
    figs = figures_in_text("Shares in the lender fell 3p to 412p in early trading.")
    assert [(f.value, f.kind, f.unit) for f in figs] == [(3.0, "money", "GBP-pence"), (412.0, "money", "GBP-pence")]


def test_video_resolutions_are_not_pence():
    assert figures_in_text("The footage was streamed in 720p and later in 1080p.") == []


def test_a_time_word_inside_a_hyphenated_noun_is_no_duration():
    fig = only("Two hundred second-graders were evacuated from the school.", kind="count")
    assert (fig.value, fig.counts) == (200.0, "second-graders")
    assert only("A five year-old boy was found safe.", kind="duration").value == 5.0


def test_a_range_with_the_currency_symbol_on_both_ends():
    fig = only("Rooms in the centre now let for £800-£1,200 a month.", kind="money")
    assert (fig.value, fig.value_max, fig.unit, fig.per) == (800.0, 1200.0, "GBP", "month")


def test_aged_between_two_numbers_is_an_age_range():
    fig = only("Volunteers aged between 18 and 25 took part in the trial.", kind="duration")
    assert (fig.value, fig.value_max, fig.unit) == (18.0, 25.0, "year")


def test_cents_joined_by_a_hyphen_are_money():
    fig = only("Drivers face a 10-cent rise in the fuel tax from July.", kind="money")
    assert (fig.value, fig.unit) == (10.0, "USD-cent")


# -- "and a half" after a unit -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, kind, unit",
    [
        ("The hearing lasted an hour and a half before it was adjourned.", 1.5, "duration", "hour"),
        ("He spent a year and a half in pre-trial detention.", 1.5, "duration", "year"),
        ("The queue stretched for a mile and a quarter along the river.", 1.25, "distance", "mile"),
        ("Rescuers dug for six hours and a half before reaching her.", 6.5, "duration", "hour"),
    ],
)
def test_a_unit_and_a_half(text, value, kind, unit):
    fig = only(text, kind=kind)
    assert (fig.value, fig.unit) == (value, unit)
    assert [f for f in figures_in_text(text) if f.kind == "fraction"] == []


@pytest.mark.parametrize(
    "text, value, kind, unit",
    [
        ("Ministers met for a half-hour session before the vote.", 0.5, "duration", "hour"),
        ("Police closed a quarter-mile stretch of the motorway.", 0.25, "distance", "mile"),
    ],
)
def test_a_fraction_joined_to_a_unit_measures_part_of_it(text, value, kind, unit):
    fig = only(text, kind=kind)
    assert (fig.value, fig.unit) == (value, unit)


def test_a_hyphenated_fraction_before_a_noun_is_no_ordinal():
    text = "The fund bought a one-third stake in the port operator."
    assert only(text, kind="fraction").value == pytest.approx(1 / 3)
    assert [f for f in figures_in_text(text) if f.kind == "ordinal"] == []


def test_a_reading_on_the_richter_scale_is_a_magnitude():
    fig = only("The tremor measured 6.1 on the Richter scale, the survey said.", kind="other")
    assert (fig.value, fig.unit, fig.surface) == (6.1, "magnitude", "6.1 on the Richter scale")


def test_a_strong_group_counts_the_group():
    fig = only("A 5,000-strong crowd marched on the parliament.", kind="count")
    assert (fig.value, fig.counts) == (5000.0, "crowd")


@pytest.mark.parametrize(
    "text, kept",
    [
        ("The ATR 72 aircraft of the regional carrier was carrying 68 passengers and four crew.", [68, 4]),
        ("A Boeing 737 jet with 132 people on board came down in the hills on Monday.", [132]),
        ("Forecasters said a Category 4 hurricane would reach the coast, forcing 20,000 people to leave.", [20_000]),
        ("Pile-ups on Interstate 80 left 14 cars wrecked.", [14]),
        ("Buyers of the iPhone 15 waited in queues of 300 people.", [300]),
        ("The rally was held in ALL 50 states, the campaign said.", [50]),
        ("Quake KILLS 30 people in the north, HITS 12 towns.", [30, 12]),
        ("NORTH KOREA SENDS 1000 SAPPERS TO THE FRONT", [1000]),
        ("Officials said the US 300 troops would stay until spring.", [300]),
    ],
)
def test_a_number_naming_a_model_route_or_category_counts_nothing(text, kept):
    """An aircraft type, a road, a storm category or a phone model is a name: reading it as a count put
    "72 aircraft" beside "72 people aboard" in one claim. Emphasis in capitals and all-caps lines still count."""
    assert [f.value for f in figures_in_text(text) if f.kind == "count"] == kept


@pytest.mark.parametrize(
    "text",
    ["The toll rose from one to four overnight.", "Divers pulled 12 yesterday from the hull.", "It was 40 today."],
)
def test_a_time_word_after_a_number_is_never_what_it_counts(text):
    assert all(f.counts not in ("overnight", "yesterday", "today") for f in figures_in_text(text))
