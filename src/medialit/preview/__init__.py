"""``medialit preview``: a local page to see a lesson's sheets and mark its article.

:mod:`.server` starts it; :mod:`.guard` lets in only the teacher's browser;
:mod:`.app` routes the requests; :mod:`.live` keeps the lesson and its page
images current and tells every open page; :mod:`.view` is what the article
pane shows, :mod:`.editing` writes the teacher's marks back into the lesson
file, :mod:`.pages` lays out and draws the real PDF pages.
"""

from medialit.preview.server import choose_lesson, serve

__all__ = ["choose_lesson", "serve"]
