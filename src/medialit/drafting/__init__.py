"""``medialit new``: from a saved web page or pasted text to a draft lesson.

The stages run one way: read the source (``reading``) → take out the article and its
source details (``webpage`` or ``plaintext``) → suggest statements (``suggest``) →
write the seed and the lesson file (``lessonfile``). ``review`` lists what a teacher
still has to confirm, for ``medialit check``.
"""
