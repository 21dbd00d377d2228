"""Plain text (.txt): encoding detection (UTF-8 with or without BOM, UTF-16, GB18030/GBK)."""
