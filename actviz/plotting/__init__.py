"""The pictures: the only layer of actviz that imports matplotlib.

Axes-level functions take ``ax=None``, draw, and return the axes; figure
builders compose them; :func:`actviz.plotting.export.save_figure` is the one
place that writes files.
"""
