"""Which countries belong to the EEA, the Nordic countries and Switzerland: law, not content.

The checklist's routing asks some questions only of citizens from outside these
groups, and its rules decide membership by them, so they are known here without
the database. The agreements data (editable in admin) says the same thing in
its country rows; the system check `guidance.W002` and a test keep the two in
agreement, so an editor's change to those rows that contradicts this file is
loud, not silent.
"""

NORWAY = "no"
UNITED_KINGDOM = "gb"
SWITZERLAND = "ch"

# The EEA Agreement (Annex VI brings in regulation (EC) 883/2004): the 27 EU
# states with Iceland, Liechtenstein and Norway.
EU_STATES = frozenset(
    {
        *("at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu", "ie"),
        *("it", "lv", "lt", "lu", "mt", "nl", "pl", "pt", "ro", "sk", "si", "es", "se"),
    }
)
# Parts of EU states that ISO 3166 (and so the country lists) name apart:
# Åland (Finland) and France's outermost regions, where EU law applies.
EU_AREAS = frozenset({"ax", "gf", "gp", "mq", "re", "yt", "mf"})
EEA = EU_STATES | EU_AREAS | {"is", "li", NORWAY}
# Where the EU rules on social security apply: the EEA and, through its own
# agreement with the EU (and EFTA), Switzerland.
EEA_PLUS = EEA | {SWITZERLAND}
# The Nordic Convention on Social Security (2012): Denmark, Finland, Iceland,
# Norway, Sweden, and the Faroe Islands, Greenland and Åland.
NORDIC = frozenset({"dk", "fi", "is", NORWAY, "se", "fo", "gl", "ax"})


def is_eea_plus(code: str | None) -> bool:
    return code in EEA_PLUS


def is_nordic(code: str | None) -> bool:
    return code in NORDIC


def is_eea_plus_or_nordic(code: str | None) -> bool:
    return code in EEA_PLUS or code in NORDIC
