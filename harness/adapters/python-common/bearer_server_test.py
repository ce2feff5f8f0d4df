"""Tests of the RFC 6750 request classification and the refusal reasons.

    /usr/bin/python3 -I -B -m unittest discover \
        -s harness/adapters/python-common -p '*_test.py'
"""

import unittest

from bearer_server import AdapterError, classify, reason_of

FORM = "application/x-www-form-urlencoded"


def kind(authorization=(), target="/", content_type="", body=""):
    return classify(list(authorization), target, content_type, body)


class ClassifyTest(unittest.TestCase):
    def test_bearer_header_yields_token(self):
        self.assertEqual(kind(["Bearer a.b.c"]), ("token", "a.b.c"))

    def test_scheme_matches_case_insensitively(self):
        self.assertEqual(kind(["bEaReR a.b-_~+/c=="]),
                         ("token", "a.b-_~+/c=="))

    def test_several_spaces_after_scheme_are_allowed(self):
        self.assertEqual(kind(["Bearer   a.b.c"]), ("token", "a.b.c"))

    def test_no_header_is_missing(self):
        self.assertEqual(kind(), ("missing", None))

    def test_other_scheme_is_missing(self):
        self.assertEqual(kind(["Basic dXNlcjpwYXNz"]), ("missing", None))

    def test_query_token_alone_is_missing(self):
        self.assertEqual(kind(target="/?access_token=a.b.c"),
                         ("missing", None))

    def test_form_token_alone_is_missing(self):
        self.assertEqual(kind(content_type=FORM, body="access_token=a.b.c"),
                         ("missing", None))

    def test_two_headers_are_invalid_request(self):
        self.assertEqual(kind(["Bearer a.b.c", "Bearer a.b.c"]),
                         ("invalid_request", None))

    def test_empty_header_is_invalid_request(self):
        self.assertEqual(kind([""]), ("invalid_request", None))

    def test_header_and_query_are_invalid_request(self):
        self.assertEqual(kind(["Bearer a.b.c"], target="/?access_token=a.b.c"),
                         ("invalid_request", None))

    def test_header_and_form_are_invalid_request(self):
        self.assertEqual(kind(["Bearer a.b.c"], content_type=FORM,
                              body="access_token=a.b.c"),
                         ("invalid_request", None))

    def test_query_and_form_are_invalid_request(self):
        self.assertEqual(kind(target="/?access_token=x", content_type=FORM,
                              body="access_token=x"),
                         ("invalid_request", None))

    def test_form_field_in_other_content_type_is_ignored(self):
        self.assertEqual(kind(["Bearer a.b.c"], content_type="text/plain",
                              body="access_token=a.b.c"),
                         ("token", "a.b.c"))

    def test_tab_separator_is_invalid_request(self):
        self.assertEqual(kind(["Bearer\ta.b.c"]), ("invalid_request", None))

    def test_scheme_without_token_is_invalid_request(self):
        self.assertEqual(kind(["Bearer"]), ("invalid_request", None))

    def test_character_outside_b64token_is_invalid_request(self):
        for value in ("Bearer a,b.c", 'Bearer "a.b.c"', "Bearer a.b.c extra",
                      "Bearer a=b.c", "Bearer a.b.c\n"):
            with self.subTest(value=value):
                self.assertEqual(kind([value]), ("invalid_request", None))


class ReasonTest(unittest.TestCase):
    def test_adapter_error_gives_its_code(self):
        self.assertEqual(reason_of(AdapterError("discovery_failed", "x")),
                         "discovery_failed")

    def test_library_error_gives_class_name_not_message(self):
        self.assertEqual(reason_of(ValueError("token a.b.c is bad")),
                         "ValueError")


if __name__ == "__main__":
    unittest.main()
