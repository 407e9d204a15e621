"""Short reports of three real events, written for these tests in our own words (no outlet's text): the Beirut
port explosion (August 2020), the Ever Given blocking the Suez Canal (March 2021) and the Turkey-Syria
earthquake (February 2023). Numbers as outlets reported them over the days; outlets here are invented."""

from __future__ import annotations

BEIRUT = {
    "b1": (
        "Huge blast at Beirut port kills 78",
        "Harbour Times",
        "2020-08-04",
        "An enormous explosion tore through the port of Beirut on Tuesday evening, killing at least 78 people "
        "and injuring some 4,000, Lebanon's health minister said. Officials blamed 2,750 tonnes of ammonium "
        "nitrate kept in a dockside warehouse for six years.",
    ),
    "b2": (
        "Beirut explosion: toll passes 100",
        "Cedar Daily",
        "2020-08-05",
        "The number of people killed by the Beirut port explosion has reached 100, the Lebanese Red Cross said "
        "on Wednesday, while about 4,000 were wounded. The warehouse had held roughly 2,700 tons of ammonium "
        "nitrate since it was seized from a cargo ship.",
    ),
    "b3": (
        "Beirut blast death toll rises to 135",
        "Levant Wire",
        "2020-08-06",
        "Lebanon's health ministry said the death toll from Tuesday's explosion at the Beirut port rose to 135, "
        "with some 5,000 wounded, as rescuers kept digging through the rubble of the grain silos.",
    ),
    "b4": (
        "Beirut port blast: 154 dead, health minister says",
        "Mediterranean Post",
        "2020-08-07",
        "The toll from the explosion at the port of Beirut has climbed to 154, Lebanon's health minister said "
        "on Friday; about 5,000 people were hurt. The ammonium nitrate, 2,750 tonnes of it, had sat in a port "
        "warehouse since 2014.",
    ),
}

SUEZ = {
    "s1": (
        "Giant container ship blocks Suez Canal",
        "Shipping Ledger",
        "2021-03-24",
        "The Ever Given, a 400-metre container ship, ran aground in the Suez Canal on Tuesday and blocked it; "
        "at least 150 ships were waiting at either end of the canal on Wednesday.",
    ),
    "s2": (
        "Suez Canal jam grows as Ever Given stays stuck",
        "Canal Review",
        "2021-03-26",
        "More than 230 ships are now queuing to pass the Suez Canal while tugs and dredgers try to free the "
        "Ever Given, a container ship 1,312 feet long, from the canal bank.",
    ),
    "s3": (
        "Ever Given freed, hundreds of ships queue at Suez",
        "Port Bulletin",
        "2021-03-29",
        "Tugs pulled the 400m Ever Given free on Monday, the Suez Canal Authority said; 422 ships were waiting "
        "to pass the canal, and the authority hoped to clear the queue within days.",
    ),
}

TURKEY = {
    "t1": (
        "Earthquake kills over 2,300 in Turkey and Syria",
        "Anatolia Today",
        "2023-02-06",
        "A magnitude 7.8 earthquake struck southern Turkey and northern Syria before dawn on Monday, killing "
        "more than 2,300 people. Officials said 1,500 had died in Turkey and 810 in Syria.",
    ),
    "t2": (
        "Turkey-Syria earthquake toll passes 5,000",
        "Gaziantep Courier",
        "2023-02-07",
        "The toll from Monday's magnitude 7.8 earthquake rose above 5,000 on Tuesday: 3,549 people died in "
        "Turkey and 1,602 in Syria, as rescuers searched collapsed buildings in Gaziantep and Kahramanmaras.",
    ),
    "t3": (
        "Quake toll in Turkey and Syria tops 7,800",
        "Levant Wire",
        "2023-02-08",
        "Rescuers in Turkey and Syria raced to reach survivors on Wednesday as the toll from the magnitude 7.8 "
        "earthquake climbed past 7,800, with 5,894 dead in Turkey and 1,932 in Syria.",
    ),
}
