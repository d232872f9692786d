"""Framing sets a researcher of the US-Iraq sample story would add in config.yaml
(``diverge.wording``): the Iraq-specific sets the built-in lexicon no longer carries (it holds
only general framing, see ``lexicons/data/framing.yaml``). Tests use them to check the matching
mechanism and user extension on the sample articles."""

from __future__ import annotations

IRAQ_WORDING: tuple[tuple[str, ...], ...] = (
    (
        "militia|militias|militia groups|militia forces|militiamen|paramilitary groups",
        "resistance forces|resistance groups|resistance factions|resistance fighters"
        "|resistance movement|Islamic resistance|axis of resistance",
        "hardline factions|hardline groups|hardliners|hardline militias",
        "armed groups|armed factions|armed men|gunmen",
        "terrorists|terrorist groups|terror groups|terrorist organisations|terrorist organizations",
        "militants|militant groups",
        "rebels|rebel groups|insurgents",
        "fighters|combatants",
        "freedom fighters",
        "jihadists|jihadist groups",
    ),
    (
        "under the pretext of|on the pretext of|under the guise of|under the banner of"
        "|using the excuse of|under the excuse of",
        "fighting|to fight|combating|combatting|to combat|in the fight against"
        "|in the battle against|to defeat|defeating|in order to",
    ),
    (
        "presence|deployment|stationed|deployed",
        "occupation|occupying forces|occupiers|occupier|occupation forces",
    ),
    (
        "withdraw|withdrawal|withdrawing|withdrew|withdrawn|pull out|pullout|pulling out"
        "|leave|leaving|drawdown|draw down|depart|departure",
        "expel|expels|expelled|expelling|expulsion|kick out|oust|ousting|evict|eviction",
        "reduce|reducing|reduction|scale back|scaling back",
        "redefine the role|redefining the role|redefine its role|change the mission"
        "|shift the mission|transition",
    ),
    (
        "attack|attacks|strike|strikes|airstrike|airstrikes|raid|raids",
        "crime|crimes|aggression|atrocity|atrocities|act of terror",
        "retaliation|retaliatory strike|retaliatory strikes|self-defence|self-defense",
    ),
)
