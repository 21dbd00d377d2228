"""Hidden content: what a viewer does not show but the file still carries."""

from screening import hookimpl

from .image_only_page import ImageOnlyPageDetector


@hookimpl
def screening_register_detectors(register, config):
    register(ImageOnlyPageDetector())
