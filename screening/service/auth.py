"""Bearer tokens, one per calling system (``[service.tokens]`` or ``SCREENING_API_TOKENS``).

A presented token is hashed once (SHA-256) and compared with every configured digest by
:func:`hmac.compare_digest`, without stopping at the first match, so the time taken does not depend
on which token matched or on how much of it was right. The token itself is never stored, logged or
echoed; what is logged is the calling system's name.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from fastapi.security import HTTPBearer

from .errors import ApiError

REALM = 'Bearer realm="screening"'

#: The OpenAPI security scheme (``bearerAuth``); the check itself is :meth:`TokenAuth.caller`.
bearer_scheme = HTTPBearer(
    scheme_name="bearerAuth", auto_error=False,
    description="每个调用系统一个令牌（screening.toml 的 [service.tokens] 或环境变量 "
                "SCREENING_API_TOKENS）。One bearer token per calling system.")


class TokenAuth:
    """Maps a presented bearer token to the name of the calling system."""

    def __init__(self, tokens: Mapping[str, bytes], *, insecure_no_auth: bool = False):
        self._tokens = tuple(tokens.items())
        self.insecure_no_auth = insecure_no_auth

    @property
    def enabled(self) -> bool:
        return not self.insecure_no_auth

    def caller(self, token: str | None) -> str | None:
        """The calling system's name, or ``None`` when the token is missing or wrong."""
        if self.insecure_no_auth:
            return "anonymous"
        if not token:
            return None
        presented = hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()
        found = None
        for name, digest in self._tokens:
            if hmac.compare_digest(presented, digest) and found is None:
                found = name
        return found


def unauthorized(missing: bool) -> ApiError:
    """HTTP 401 with ``WWW-Authenticate`` (RFC 6750); the presented token is never echoed."""
    if missing:
        return ApiError(401, "unauthorized", "缺少访问令牌：请在 Authorization 头中带上 Bearer 令牌",
                        "missing bearer token (Authorization: Bearer …)",
                        headers={"WWW-Authenticate": REALM})
    return ApiError(401, "unauthorized", "访问令牌无效", "invalid bearer token",
                    headers={"WWW-Authenticate": REALM + ', error="invalid_token"'})
