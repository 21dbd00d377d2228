"""Personal data: Chinese identifiers, names, addresses and special categories in published lists."""

from screening import hookimpl


@hookimpl
def screening_register_detectors(register, config):
    pass
