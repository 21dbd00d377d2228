"""Built-in term lists (data). Installed as the package ``screening_lexicons``; read them with
``screening.load_builtin(name)``. The file format is described in ``screening/lexicons.py``."""
