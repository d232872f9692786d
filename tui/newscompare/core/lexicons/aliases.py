"""The built-in lexicons: words outlets use interchangeably for the same actor, thing or event.

News copy names one actor many ways ("the US", "U.S.", "American", "Washington") and one event
many ways ("killed", "died", "death toll", "martyred"), so a plain word match misses passages
that report the same fact. Two tables, both general news-domain knowledge (not any one story):

- ``BUILTIN_ALIASES``: actors and things (countries, institutions, armed groups, officials);
- ``BUILTIN_EVENTS``: what happens in news (violence, casualties, justice, politics, disasters,
  diplomacy). Event words also weigh more (``align.event_weight``): two outlets that name the
  same event instance with the same verb or a synonym report one event far more often than two
  that share a topic noun.

Each key is the canonical form; its values are single words or phrases (any case; phrases may
hold stop words: "called for"). ``config.yaml`` shows both tables under ``align.aliases`` and
``align.events``; entries users add there are merged with them (extending, never hiding, a
built-in group) unless ``align.builtin_aliases`` is false. Inflections that only add an ending
(-s, -ed, -ing) are joined by the vocabulary clustering in ``prepare`` and need not be listed.
"""

from __future__ import annotations

from collections.abc import Mapping


def _table(text: str) -> dict[str, tuple[str, ...]]:
    """``key: word, phrase, ...`` lines -> mapping (a readable way to keep a long lexicon).

    A line without a colon continues the previous key's list.
    """
    table: dict[str, tuple[str, ...]] = {}
    key = ""
    for line in text.strip().splitlines():
        if ":" in line:
            key, _, words = line.partition(":")
            key = key.strip()
            table[key] = ()
        else:
            words = line
        table[key] += tuple(w.strip() for w in words.split(",") if w.strip())
    return table


BUILTIN_ALIASES: Mapping[str, tuple[str, ...]] = _table(
    """
    us: u.s., u.s.a., usa, united states, america, american, americans, washington
    uk: u.k., united kingdom, britain, british, great britain
    un: u.n., united nations
    eu: e.u., european union
    nato: north atlantic treaty organization
    troops: troop, forces, force, soldiers, soldier, military personnel, servicemen, service members
    militia: militias, militants, militant, fighters, factions, faction, armed groups, gunmen
    parliament: parliamentary, lawmakers, lawmaker, legislators, legislature, mps, congress,
        deputies
    isis: islamic state, isil, daesh, is group
    general: gen, gen., lt. gen.
    lawyer: lawyers, attorney, attorneys, counsel
    police: policeman, policemen, police officers, cops, law enforcement, constabulary
    guard: guards, prison guards, corrections officers, correctional officers, jailers
    prison: jail, jailed, penitentiary, prison unit, correctional facility, lockup
    inmate: inmates, prisoner, prisoners, convict, convicts
    hospital: hospitalized, hospitalised, hospitalization, medical center
    president: head of state
    prime minister: premier
    spokesman: spokeswoman, spokesperson, spokespeople
    """
)

BUILTIN_EVENTS: Mapping[str, tuple[str, ...]] = _table(
    """
    killed: kill, kills, killing, killings, dead, died, die, dies, death, deaths, death toll,
        fatalities, fatality, fatal, martyred, assassinated, slain, lost their lives, perished,
        passed away, murder, murders, murdered
    injured: injure, injuries, injury, wounded, wounds, hurt, casualties
    attack: attacks, attacked, bombing, bombings, bombed, assault, assaulted, raid, raids,
        shelling, airstrike, airstrikes, air strike, air strikes, drone strike, drone strikes,
        missile strike, missile strikes
    shooting: shot, shoot, shoots, gunfire, opened fire, fired upon, fired at, gunshot
    stabbing: stabbed, stab, stabs, knifed
    explosion: explosions, blast, blasts, exploded, explode, detonated, detonation
    firebomb: firebombs, firebombed, fire bomb, fire bombs, petrol bomb, petrol bombs,
        molotov cocktail, molotov cocktails, incendiary device, incendiary devices, arson
    fire: fires, blaze, blazes, flames, burned, burning, burnt, set alight, set on fire, ablaze,
        torched, caught fire, went up in flames, engulfed in flames, on fire
    riot: riots, rioting, rioters, unrest, clashes, clashed, disturbance, disturbances
    protest: protests, protesters, protestors, protested, demonstration, demonstrations,
        demonstrators, rally, rallies, marched, marchers, sit-in, general strike,
        nationwide strike, walkout
    arrested: arrest, arrests, detained, detain, detention, custody, apprehended, captured,
        recaptured, taken into custody, in custody, picked up, nabbed
    escape: escaped, escapes, escapee, fled, flee, flees, fleeing, run away, ran away,
        runs away, on the run, at large, broke out, fugitive, getaway
    handcuffed: handcuff, handcuffs, handcuffing, shackled, shackles, restrained, tied up
    stole: steal, steals, stealing, stolen, theft, robbed, robbery, seized, grabbed
    pulled gun: pulls gun, pulled a gun, pulls a gun, drew a gun, brandished, held at gunpoint,
        gunpoint, produced a weapon
    transport: transported, transporting, transfer, transferred, transferring, drove,
        driving, escorted
    convicted: conviction, convictions, found guilty, pleaded guilty, guilty
    sentenced: sentence, sentences, sentencing, jailed for, life sentence, prison term
    charged: charge, charges, indicted, indictment, accused
    trial: trials, court case, prosecution, prosecuted
    released: release, freed, set free
    kidnapped: kidnap, kidnapping, abducted, abduction, hostage, hostages, held captive
    rescued: rescue, rescuers, saved, evacuated, evacuation, ushered to safety, brought to safety
    earthquake: quake, tremor, temblor, seismic
    flood: floods, flooding, flooded, inundated
    storm: storms, hurricane, cyclone, typhoon, tornado
    crash: crashed, crashes, collision, collided, wreck
    vote: votes, voted, voting, ballot, resolution, resolutions, decision, motion, referendum,
        approved, approve, approves, passed a law, passed a bill, passed a resolution
    elected: election, elections, won the election, reelected, re-elected
    resigned: resign, resigns, resignation, stepped down, step down, quit
    appointed: appoint, appointment, nominated, nomination
    dismissed: sacked, ousted, removed from office
    withdraw: withdrawal, withdrawing, withdrew, leave, leaving, pull out, pulled out,
        pullout, exit, depart, departure, expel, expelled, expulsion, drawdown, pull back
    deploy: deployed, deployment, deployments, sent troops, dispatched, stationed
    agreement: agree, agreed, agrees, deal, deals, accord, accords, pact, treaty, agreed on
    talks: negotiations, negotiation, negotiate, negotiated, discussions, dialogue
    meeting: meet, meetings, summit, conference
    demand: demanded, demanding, demands, called for, calls for, calling for, urged, urge,
        urges, want, wants, pressed for
    announced: announce, announces, announcement, declared, declare, unveiled
    ceasefire: truce, armistice, cease-fire
    sanctions: sanction, sanctioned, embargo
    investigation: investigate, investigating, investigated, probe, inquiry
    air support: air cover, air power, airpower, close air support
    training: trained, trainers, advise, advising, advisers, advisory
    """
)


def merge_aliases(
    builtin: Mapping[str, tuple[str, ...]], user: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """User entries extend the built-in table; a user key adds to (never hides) a built-in one."""
    merged: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in builtin.items()}
    for key, words in user.items():
        merged[key] = tuple(dict.fromkeys((*merged.get(key, ()), *words)))
    return merged
