#!/usr/bin/python3
# Runs the reference AWS CLI (/usr/bin/aws, a Python program) for the tests
# without paying its start-up for every call: this process imports the CLI
# once, then for each request forks a child that sets the request's
# environment, working folder and stdin/stdout/stderr and runs the CLI's own
# entry point, exactly as /usr/bin/aws does, in a process of its own. Nothing
# one run does can reach another: each is a fresh fork of the same imported
# modules, and the only thing skipped is importing them again (about 0.5 s of
# the CLI's 0.8 s on a short command).
#
#   aws-zygote.py <unix socket path>
#
# A request whose environment has AWS_AT_EPOCH (whole seconds since 1970,
# UTC) runs with the CLI's signing clock pinned there (see pin_clock).
#
# Protocol, one request per connection: the client sends one JSON line
#   {"args": [...], "env": {...}, "cwd": "...", "stdin": "<base64>", "timeoutMs": n}
# and reads one JSON line back
#   {"code": n, "stdout": "<base64>", "stderr": "<base64>"}
# The server exits when its parent (the test process) is gone.
import atexit
import base64
import json
import os
import signal
import socket
import sys
import tempfile
import time
import types
import pwd

# Some modules turn ~ into a path when they are imported (the CLI's cache
# folders, as module constants and default arguments). The zygote imports
# them under a HOME no real path contains, and each run rewrites every such
# string to its own HOME (rebind_home below).
PLACEHOLDER_HOME = "/nonexistent/kumo-aws-zygote-home-%d" % os.getpid()
os.environ["HOME"] = PLACEHOLDER_HOME

# As /usr/bin/aws does before importing the CLI.
if os.environ.get("LC_CTYPE", "") == "UTF-8":
    os.environ["LC_CTYPE"] = "en_US.UTF-8"
import awscli.clidriver  # noqa: E402
import awscli.handlers  # noqa: E402,F401  (imports every customization module)

AWSCLI_DATA = os.path.join(os.path.dirname(os.path.abspath(awscli.__file__)), "data")


def _rebound(value, home):
    return value.replace(PLACEHOLDER_HOME, home) if isinstance(value, str) and PLACEHOLDER_HOME in value else value


def _rebind_function(fn, home):
    if fn.__defaults__:
        fn.__defaults__ = tuple(_rebound(v, home) for v in fn.__defaults__)
    if fn.__kwdefaults__:
        fn.__kwdefaults__ = {k: _rebound(v, home) for k, v in fn.__kwdefaults__.items()}


def rebind_home(home):
    """Every string the CLI's modules made from HOME at import now names `home`."""
    for name, mod in list(sys.modules.items()):
        if not (name.startswith("awscli") or name.startswith("botocore")):
            continue
        for key, value in list(vars(mod).items()):
            if isinstance(value, str):
                vars(mod)[key] = _rebound(value, home)
            elif isinstance(value, types.FunctionType):
                _rebind_function(value, home)
            elif isinstance(value, type) and value.__module__ == name:
                for attr, member in list(vars(value).items()):
                    if isinstance(member, str) and PLACEHOLDER_HOME in member:
                        setattr(value, attr, _rebound(member, home))
                    elif isinstance(member, types.FunctionType):
                        _rebind_function(member, home)


def pin_clock(epoch):
    """The CLI's signing clock (and eks get-token's) reads `epoch` and stands
    still: for output that carries the signing time (presigned URLs, tokens)."""
    import datetime
    import botocore.auth
    import awscli.customizations.eks.get_token as get_token

    pinned = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=epoch)

    class Pinned(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return pinned

    shim = types.ModuleType("datetime")
    shim.__dict__.update(datetime.__dict__)
    shim.datetime = Pinned
    botocore.auth.datetime = shim
    get_token.datetime = Pinned


def run_cli(req, stdin_fd, out_fd, err_fd):
    """In the forked child: become `aws <args>` and exit with its code."""
    os.dup2(stdin_fd, 0)
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    os.chdir(req["cwd"])
    os.environ.clear()
    os.environ.update(req["env"])
    # Importing awscli puts its data folder after any AWS_DATA_PATH given;
    # here the import happened before the request's environment was set.
    given = [os.path.expanduser(os.path.expandvars(p)) for p in os.environ.get("AWS_DATA_PATH", "").split(os.pathsep) if "AWS_DATA_PATH" in os.environ]
    os.environ["AWS_DATA_PATH"] = os.pathsep.join(given + [AWSCLI_DATA])
    time.tzset()
    home = os.environ.get("HOME") or pwd.getpwuid(os.getuid()).pw_dir
    rebind_home(home)
    if "AWS_AT_EPOCH" in os.environ:
        pin_clock(int(os.environ["AWS_AT_EPOCH"]))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    sys.argv = ["/usr/bin/aws"] + req["args"]
    code = 0
    try:
        code = awscli.clidriver.main()
        # /usr/bin/aws runs sys.exit(main()): anything but an int or None is
        # printed and exits 1 (eks get-token returns a ValueError).
        if code is None:
            code = 0
        elif not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
    except SystemExit as e:
        if e.code is None:
            code = 0
        elif isinstance(e.code, int):
            code = e.code
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except KeyboardInterrupt:
        code = 130
    finally:
        try:
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code if isinstance(code, int) else 1)


def handle(conn):
    """In a forked handler: read the request, run the CLI in a child, answer."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk
    req = json.loads(data)
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdin.write(base64.b64decode(req.get("stdin", "")))
        stdin.flush()
        stdin.seek(0)
        pid = os.fork()
        if pid == 0:
            run_cli(req, stdin.fileno(), out.fileno(), err.fileno())
        deadline = time.monotonic() + req.get("timeoutMs", 60000) / 1000
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.005)
        if os.WIFEXITED(status):
            code = os.WEXITSTATUS(status)
        else:
            # As the tests' process runner reports a process ended by a signal.
            code = 130 if os.WTERMSIG(status) == signal.SIGINT else 128
        out.seek(0)
        err.seek(0)
        answer = {"code": code, "stdout": base64.b64encode(out.read()).decode(), "stderr": base64.b64encode(err.read()).decode()}
    conn.sendall(json.dumps(answer).encode() + b"\n")


def main():
    path = sys.argv[1]
    parent = os.getppid()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)
    server.settimeout(1.0)
    # Handlers are reaped by the kernel; each handler waits for its own child.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while os.getppid() == parent:
        try:
            conn, _ = server.accept()
        except socket.timeout:
            continue
        pid = os.fork()
        if pid == 0:
            server.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                conn.settimeout(None)
                handle(conn)
            finally:
                conn.close()
                os._exit(0)
        conn.close()
    try:
        os.unlink(path)
    except OSError:
        pass


main()
