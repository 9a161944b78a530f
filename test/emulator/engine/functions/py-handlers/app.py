import os
import tempfile


def raises(event, context):
    raise ValueError("python boom")


def env(event, context):
    return {"env": dict(os.environ), "tmp": tempfile.gettempdir(), "request": context.aws_request_id, "memory": context.memory_limit_in_mb}
