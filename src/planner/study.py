"""The study the planner rests on: how to name it so a reader can look a "§6.2" up."""

DOI = "10.1145/3510003.3510209"
ARXIV = "2110.10234"
TITLE = "Collaboration Challenges in Building ML-Enabled Systems: Communication, Documentation, Engineering, and Process"
REFERENCE = (f"Nahar, N., Zhou, S., Lewis, G., Kästner, C.: {TITLE}. In: Proceedings of the 44th International Conference "
             f"on Software Engineering (ICSE 2022). ACM. doi:{DOI}, arXiv:{ARXIV}.")
LOOKUP = f"doi:{DOI} (free preprint: arXiv:{ARXIV})"


def lookup(preprint: str = "(free preprint: arXiv:{arxiv})") -> str:
    """LOOKUP with the preprint note in another language (`preprint` holds {arxiv})."""
    return f"doi:{DOI} {preprint.format(arxiv=ARXIV)}"
