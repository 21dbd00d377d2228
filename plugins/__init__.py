"""Built-in detector plugins, installed as ``screening_plugins``. Each category package registers
its detectors in its ``__init__``; detector modules are plain classes. Plugins import only the
public API of ``screening``, exactly as a third-party plugin would."""
