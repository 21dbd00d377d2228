"""screening — 政府信息公开前保密审查 (pre-publication secrecy screening).

The public API below is all that plugins (built-in ones in ``screening_plugins`` included) may
import. Anything else is internal and may change.
"""

__version__ = "0.1.0"

from .config import Config, Limits, load_config
from .detector import Detector, make_finding
from .errors import (ConfigError, PluginError, RecordError, SanitizeError, ScreeningError,
                     SigningError, UnreadableDocument, UnsupportedFormat)
from .hookspecs import hookimpl
from .lexicons import CompiledCache, Entry, Lexicon, load_builtin, load_file
from .masking import MaskingPolicy, mask_name, value_hash
from .model import (Basis, Block, BlockList, Category, Document, ErrorInfo, Finding, Location,
                    Report, Severity, Verdict)
from .tables import TableIndex
from .segmenter import WordSegmenter, jieba_loaded, jieba_tokenizer
from .text import (SPACE_CLASS, BlockTexts, Normalized, block_texts, compact, document_memo,
                   join_numbers, normalize)

__all__ = [
    "__version__", "hookimpl",
    "Config", "Limits", "load_config",
    "Detector", "make_finding",
    "ScreeningError", "UnreadableDocument", "UnsupportedFormat", "PluginError", "ConfigError",
    "SigningError", "RecordError", "SanitizeError",
    "CompiledCache", "Entry", "Lexicon", "load_builtin", "load_file",
    "Basis", "Block", "BlockList", "Category", "Document", "ErrorInfo", "Finding", "Location",
    "Report", "Severity", "Verdict",
    "MaskingPolicy", "mask_name", "value_hash",
    "SPACE_CLASS", "Normalized", "compact", "join_numbers", "normalize", "TableIndex",
    "BlockTexts", "block_texts", "document_memo", "jieba_tokenizer", "jieba_loaded",
    "WordSegmenter",
]
