"""Names as people type them: the folded form that name search compares.

``fold("Äijälä")`` is ``"aijala"`` and ``fold("Sjöberg")`` is ``"sjoberg"``: Unicode
compatibility decomposition (NFKD), the combining marks dropped (ä→a, ö→o, å→a, é→e),
case folded, runs of white space made one space. A client's names are stored folded
(``Client.search_first_name`` / ``search_last_name``) and a query is folded the same
way, so that a Finnish user who types without the dots still finds the client.
"""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
