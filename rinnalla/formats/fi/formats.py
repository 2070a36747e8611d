# One date format in every language of the interface: 30.11.2026 and 30.11.2026 14:30,
# as Finnish and Finland-Swedish write them (Django's Swedish default is Sweden's ISO
# form). Templates use SHORT_DATE_FORMAT / SHORT_DATETIME_FORMAT or the same "j.n.Y".
DATE_FORMAT = "j.n.Y"
SHORT_DATE_FORMAT = "j.n.Y"
DATETIME_FORMAT = "j.n.Y H:i"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
TIME_FORMAT = "H:i"
# The first input format is the one a date field's value is written in: ISO, which
# <input type="date"> needs whatever the language; typed Finnish dates parse too.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H.%M",
]
