"""Tests of the check sandbox's HTTP client (scripts/python/run_checks.py: encode_request, read_response,
SocketTransport), run by tests/unit/run-checks-http.test.ts or directly:
`python3 -m unittest tests/unit/python/test_run_checks_http.py`.

Each test starts a Unix socket server in a thread that records the request and answers with bytes of its
choosing, so what the client sends and how it reads odd or broken answers is checked byte for byte.
"""

import os
import socket
import sys
import tempfile
import threading
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "python"))

import run_checks  # noqa: E402
from crossroads_checks import Request  # noqa: E402


class FakeApp:
    """Accepts one connection, reads the request (head and Content-Length body), sends `answer`, then closes."""

    def __init__(self, answer, *, silent=False):
        self.folder = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.folder.name, "app.sock")
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        self.answer = answer
        self.silent = silent
        self.request = b""
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        conn, _ = self.server.accept()
        with conn:
            while b"\r\n\r\n" not in self.request:
                self.request += conn.recv(4096)
            head, _, body = self.request.partition(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")), 0)
            while len(body) < length:
                body += conn.recv(4096)
            self.request = head + b"\r\n\r\n" + body
            if self.silent:
                self.release.wait(5)
                return
            conn.sendall(self.answer)

    def close(self):
        self.release.set()
        self.thread.join(5)
        self.server.close()
        self.folder.cleanup()


class SocketClient(unittest.TestCase):
    def exchange(self, answer, request=None, **options):
        app = FakeApp(answer, **options)
        self.addCleanup(app.close)
        transport = run_checks.SocketTransport(app.path)
        result = transport.send(request or Request("GET", "/items?q=1", {}, b""))
        return result, app

    def test_sends_host_accept_encoding_content_length_and_the_given_headers(self):
        request = Request("POST", "/items", {"Content-Type": "application/json", "Cookie": "sid=abc"}, b'{"a": 1}')
        _, app = self.exchange(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", request)
        head, _, body = app.request.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        self.assertEqual(lines[0], b"POST /items HTTP/1.1")
        self.assertEqual(
            sorted(lines[1:]),
            sorted([b"Host: localhost", b"Accept-Encoding: identity", b"Content-Type: application/json", b"Cookie: sid=abc", b"Content-Length: 8"]),
        )
        self.assertEqual(body, b'{"a": 1}')

    def test_a_given_host_replaces_ours_and_content_length_is_always_the_bodys(self):
        request = Request("POST", "/", {"host": "example.test", "Content-Length": "999"}, b"abc")
        _, app = self.exchange(b"HTTP/1.1 204 No Content\r\n\r\n", request)
        head = app.request.partition(b"\r\n\r\n")[0].split(b"\r\n")
        self.assertIn(b"Host: example.test", head)
        self.assertNotIn(b"Host: localhost", head)
        self.assertEqual([line for line in head if line.lower().startswith(b"content-length")], [b"Content-Length: 3"])

    def test_reads_status_repeated_headers_in_order_and_the_body(self):
        answer = b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nContent-Type: text/plain\r\nSet-Cookie: b=2\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
        (status, headers, body), _ = self.exchange(answer)
        self.assertEqual(status, 200)
        self.assertEqual(headers, [("Set-Cookie", "a=1"), ("Content-Type", "text/plain"), ("Set-Cookie", "b=2"), ("Content-Length", "5"), ("Connection", "close")])
        self.assertEqual(body, b"hello")

    def test_a_body_sent_in_pieces_larger_than_one_read(self):
        payload = bytes(range(256)) * 1000
        answer = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(payload) + payload
        (_, _, body), _ = self.exchange(answer)
        self.assertEqual(body, payload)

    def test_headers_that_arrive_a_byte_at_a_time(self):
        answer = b"HTTP/1.1 200 OK\r\nX-Slow: yes\r\nContent-Length: 2\r\n\r\nok"
        client, server = socket.socketpair()
        self.addCleanup(client.close)
        with server:
            for byte in answer:
                server.send(bytes([byte]))
        self.assertEqual(run_checks.read_response(client, "GET"), (200, [("X-Slow", "yes"), ("Content-Length", "2")], b"ok"))

    def test_an_empty_path_is_sent_as_the_root(self):
        self.assertTrue(run_checks.encode_request("GET", "", {}, b"").startswith(b"GET / HTTP/1.1\r\n"))

    def test_no_body_for_head_and_204_whatever_the_length_says(self):
        (status, _, body), _ = self.exchange(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", Request("HEAD", "/", {}, b""))
        self.assertEqual((status, body), (200, b""))
        (status, _, body), _ = self.exchange(b"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello")
        self.assertEqual((status, body), (204, b""))

    def test_the_body_is_cut_at_max_body(self):
        original = run_checks.MAX_BODY
        run_checks.MAX_BODY = 4
        self.addCleanup(setattr, run_checks, "MAX_BODY", original)
        (_, _, body), _ = self.exchange(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789")
        self.assertEqual(body, b"0123")

    def test_without_content_length_the_body_runs_to_the_close(self):
        (_, _, body), _ = self.exchange(b"HTTP/1.1 200 OK\r\n\r\nall of it")
        self.assertEqual(body, b"all of it")

    def test_broken_answers_are_the_app_stopping_not_a_crash_of_the_checks(self):
        broken = [
            b"",  # closed without a word
            b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",  # closed mid-body
            b"SSH-2.0-OpenSSH\r\n\r\n",  # not HTTP
            b"HTTP/1.1 2000 OK\r\n\r\n",  # not a status
            b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: \u00b2\r\n\r\nhi".encode("latin-1"),  # a digit to str.isdigit, not to HTTP
            "HTTP/1.1 \u00b200 OK\r\n\r\n".encode("latin-1"),
            b"HTTP/1.1 099 Low\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: " + b"9" * 5000 + b"\r\n\r\n",  # more digits than int() takes
            b"HTTP/1.1 200 OK\r\nX: " + b"y" * 70_000,  # headers that never end
        ]
        for answer in broken:
            with self.subTest(answer=answer[:40]), self.assertRaisesRegex(run_checks.AppGone, "stopped answering during GET /items"):
                self.exchange(answer)

    def test_an_app_that_never_answers_times_out(self):
        original = run_checks.REQUEST_TIMEOUT
        run_checks.REQUEST_TIMEOUT = 0.2
        self.addCleanup(setattr, run_checks, "REQUEST_TIMEOUT", original)
        with self.assertRaisesRegex(run_checks.AppGone, "did not answer GET /items"):
            self.exchange(b"", silent=True)

    def test_no_socket_is_the_app_gone(self):
        transport = run_checks.SocketTransport(os.path.join(tempfile.gettempdir(), "crossroads-no-such.sock"))
        with self.assertRaises(run_checks.AppGone):
            transport.send(Request("GET", "/", {}, b""))

    def test_a_request_that_would_smuggle_a_line_is_refused_before_sending(self):
        for request in [
            Request("GET", "/a b", {}, b""),
            Request("GET", "/a\r\nX: y", {}, b""),
            Request("GET", "/", {"X-Note": "a\r\nX-Admin: 1"}, b""),
            Request("GET", "/", {"Bad:Name": "1"}, b""),
            Request("GET", "/", {"Bad Name": "1"}, b""),
        ]:
            with self.subTest(request=str(request)), self.assertRaises(ValueError):
                run_checks.encode_request(request.method, request.path, request.headers, request.body)


if __name__ == "__main__":
    unittest.main()
