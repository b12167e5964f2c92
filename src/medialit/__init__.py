"""medialit: annotated articles in, media-literacy worksheets and answer keys out.

The pipeline, one module per stage::

    lesson.yaml --loader/lesson--> CheckedLesson --context--> template context
                --templates--> HTML --pdf--> student.pdf, key.pdf
"""

__version__ = "0.1.0"
