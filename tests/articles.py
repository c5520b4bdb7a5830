"""Short articles of our own that several test modules read."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"

WIND = (
    "Wind farm approved off the north coast\n\n"
    "The government on Tuesday approved the Greyreef wind farm, a project off the north coast "
    "of Scotland.\n\n"
    '"This is the largest step we have taken towards clean power," Energy Minister Lena Okafor '
    "told reporters in London.\n\n"
    "Daniel Brennock, who leads the North Coast Fishermen's Association, said that more than 60 "
    "boats would lose their grounds from February 8.\n"
)
QUAY = (
    "Quay protest\n\n"
    "Councillor Marek Hale, who led the opposition, said the council had ignored the fishing "
    "families who live along the quay.\n\n"
    '"They are voting on a drawing," Hale told the meeting.\n'
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
