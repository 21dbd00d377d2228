"""Classification marks: 密级标志, 工作秘密/内部 marks and 公开属性 marks."""

from screening import hookimpl


@hookimpl
def screening_register_detectors(register, config):
    pass
