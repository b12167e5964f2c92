"""``medialit preview``: a local page to see a lesson's sheets and mark its article.

The server (:mod:`.app`) shows the article with its annotations, writes the
teacher's marks back into the lesson file (:mod:`.editing`), and shows the
real PDF pages (:mod:`.pages`), all kept live as the file changes.
"""

from .server import choose_lesson, serve

__all__ = ["choose_lesson", "serve"]
