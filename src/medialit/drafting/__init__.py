"""``medialit new``: from a saved web page or pasted text to a draft lesson.

The stages run one way: read the source (``reading``) → take out the article and its
source details (``webpage`` or ``plaintext``) → suggest statements (``suggest``: ``analysis``
reads the article with the words ``wording`` loads from ``cues/<language>.yaml``, helped by
``numbers`` and ``reasons``; ``choosing`` keeps a lesson's worth) → write the seed and the
lesson file (``lessonfile``). ``review`` lists what a teacher
still has to confirm, for ``medialit check``.
"""
