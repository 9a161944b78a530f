# The python3.x runtime: imports the handler named by _HANDLER from LAMBDA_TASK_ROOT and serves events from the
# Lambda Runtime API (AWS_LAMBDA_RUNTIME_API) one at a time, as Lambda's own Python runtime does.
# Run by the host's python3 with -B -u; standard library only.
import http.client
import importlib
import json
import logging
import os
import socket
import sys
import time
import traceback

RUNTIME_API = os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
JSON_LOGS = os.environ.get("AWS_LAMBDA_LOG_FORMAT") == "JSON"

_connection = None
_request_id = None
# the engine may name a Unix socket for the same API as our argument: cheaper than loopback TCP
SOCKET_PATH = sys.argv[1] if len(sys.argv) > 1 else None


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=None)
        self._path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self._path)


def _call(method, path, body=None, headers=None):
    global _connection
    for attempt in (0, 1):
        if _connection is None:
            _connection = _UnixConnection(SOCKET_PATH) if SOCKET_PATH else http.client.HTTPConnection(RUNTIME_API, timeout=None)
        try:
            _connection.request(method, path, body=body, headers=headers or {})
            response = _connection.getresponse()
            return response, response.read()
        except (ConnectionError, http.client.HTTPException, OSError):
            _connection.close()
            _connection = None
            if attempt == 1:
                raise


def _write_line(text):
    # one log event per line: newlines inside a message become \r so the engine keeps the message whole
    sys.stdout.write(text.replace("\r\n", "\r").replace("\n", "\r") + "\n")
    sys.stdout.flush()


def _iso(ts=None):
    ts = time.time() if ts is None else ts
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + ".%03dZ" % int((ts % 1) * 1000)


class _LambdaLogHandler(logging.Handler):
    def emit(self, record):
        try:
            message = record.getMessage()
            if record.exc_info:
                message += "\n" + "".join(traceback.format_exception(*record.exc_info))
            if JSON_LOGS:
                entry = {
                    "timestamp": _iso(record.created),
                    "level": record.levelname,
                    "message": message,
                    "logger": record.name,
                    "requestId": _request_id,
                }
                _write_line(json.dumps(entry))
            else:
                _write_line("[%s]\t%s\t%s\t%s" % (record.levelname, _iso(record.created), _request_id, message))
        except Exception:
            self.handleError(record)


def _install_logging():
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(_LambdaLogHandler())
    root.setLevel(logging.WARNING if not JSON_LOGS else logging.INFO)


def _error_payload(exc, request_id=None):
    frames = traceback.format_tb(exc.__traceback__)
    payload = {"errorMessage": str(exc), "errorType": type(exc).__name__}
    if request_id:
        payload["requestId"] = request_id
    payload["stackTrace"] = frames
    return payload


def _log_error(payload):
    if JSON_LOGS:
        entry = {"timestamp": _iso(), "level": "ERROR", "message": payload, "requestId": _request_id}
        _write_line(json.dumps(entry))
    else:
        stack = "".join(payload.get("stackTrace", []))
        text = "[ERROR] %s: %s" % (payload["errorType"], payload["errorMessage"])
        if stack:
            text += "\nTraceback (most recent call last):\n" + stack
        _write_line(text)


def _post_error(path, payload):
    body = json.dumps(payload).encode("utf-8")
    _call("POST", path, body, {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": payload["errorType"]})


def _init_error(error_type, message, exc=None):
    payload = {"errorMessage": message, "errorType": error_type, "requestId": "", "stackTrace": traceback.format_tb(exc.__traceback__) if exc else []}
    _log_error(payload)
    try:
        _post_error("/2018-06-01/runtime/init/error", payload)
    finally:
        sys.stdout.flush()
        os._exit(1)


def _load_handler():
    spec = os.environ.get("_HANDLER", "")
    if "." not in spec:
        _init_error("Runtime.MalformedHandlerName", "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % spec)
    module_name, function_name = spec.rsplit(".", 1)
    module_name = module_name.replace("/", ".")
    if TASK_ROOT not in sys.path:
        sys.path.insert(0, TASK_ROOT)
    try:
        module = importlib.import_module(module_name)
    except SyntaxError as exc:
        _init_error("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, exc), exc)
    except ImportError as exc:
        _init_error("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, exc), exc)
    except Exception as exc:
        _init_error(type(exc).__name__, str(exc), exc)
    handler = getattr(module, function_name, None)
    if handler is None or not callable(handler):
        _init_error("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler


class _Context:
    def __init__(self, headers):
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.aws_request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        client_context = headers.get("Lambda-Runtime-Client-Context")
        try:
            self.client_context = json.loads(client_context) if client_context else None
        except ValueError:
            self.client_context = None
        self._deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms") or 0)

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


def main():
    global _request_id
    _install_logging()
    handler = _load_handler()
    while True:
        try:
            response, body = _call("GET", "/2018-06-01/runtime/invocation/next")
        except Exception:
            os._exit(0)  # the Runtime API is gone: the environment was shut down
        headers = response.headers
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        _request_id = request_id
        trace_id = headers.get("Lambda-Runtime-Trace-Id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        try:
            event = json.loads(body) if body else {}
        except ValueError as exc:
            _post_error("/2018-06-01/runtime/invocation/%s/error" % request_id, {"errorMessage": "Unable to unmarshal input: %s" % exc, "errorType": "Runtime.UnmarshalError", "requestId": request_id, "stackTrace": []})
            continue
        try:
            result = handler(event, _Context(headers))
            out = json.dumps(result).encode("utf-8")
        except Exception as exc:
            payload = _error_payload(exc, request_id)
            _log_error(payload)
            sys.stdout.flush()
            sys.stderr.flush()
            _post_error("/2018-06-01/runtime/invocation/%s/error" % request_id, payload)
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        _call("POST", "/2018-06-01/runtime/invocation/%s/response" % request_id, out, {"Content-Type": "application/json"})


if __name__ == "__main__":
    main()
