"""The HTTP API an OA system calls as its pre-publish hook (``screen serve``)."""
