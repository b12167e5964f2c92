"""Digital copies of a lesson for learning platforms: a Moodle quiz and QTI packages.

The answer key's context is the one source: :mod:`.quiz` turns it into plain
questions, :mod:`.moodle`, :mod:`.qti` (QTI 2.1) and :mod:`.canvas` (QTI 1.2 as Canvas
classic quizzes read it) write them in each platform's format,
and :mod:`.export` reads the lesson and writes the files (the CLI calls it); :mod:`.formats`
is the registry of formats that both read.
The fillable student PDF is not here: it is the student sheet built with
``medialit build --fillable``.
"""
