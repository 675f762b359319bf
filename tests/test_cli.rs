//! The `jwt` binary, run as a user would: every command and every exit code.

use std::process::Output;

mod common;

use common::cli::{self, code, stderr, stdout};

use jwt_core::{Claims, FixedClock};

/// A test secret of 64 bytes (enough for HS512), passed through the environment.
const TEST_SECRET: &str = "test-secret-0123456789abcdef-0123456789abcdef-0123456789abcdef-X";

/// RFC 7515 appendix A.1.
const A1_K: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
const A1_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn jwt(args: &[&str]) -> Output {
    jwt_stdin(args, None)
}

fn jwt_stdin(args: &[&str], stdin: Option<&str>) -> Output {
    cli::run(
        args,
        stdin,
        &[
            ("JWT_TEST_SECRET", TEST_SECRET),
            ("JWT_SHORT_SECRET", "too-short"),
        ],
    )
}

/// Exit 1 with exactly one line on stderr, starting `error: `.
fn assert_invalid(o: &Output) -> String {
    assert_eq!(code(o), 1, "stdout {} stderr {}", stdout(o), stderr(o));
    let err = stderr(o);
    assert!(
        err.starts_with("error: ") && err.ends_with('\n') && err.lines().count() == 1,
        "{err:?}"
    );
    assert!(stdout(o).is_empty());
    err
}

fn assert_usage(o: &Output) -> String {
    assert_eq!(code(o), 2, "stdout {} stderr {}", stdout(o), stderr(o));
    assert!(stdout(o).is_empty());
    let err = stderr(o);
    assert!(!err.contains(TEST_SECRET));
    err
}

const SECRET: [&str; 2] = ["--secret-env", "JWT_TEST_SECRET"];

fn encode(alg: &str, extra: &[&str], claims: &str) -> String {
    let mut args = vec!["encode", "--alg", alg];
    args.extend(SECRET);
    args.extend(extra);
    args.push(claims);
    let o = jwt(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let token = stdout(&o);
    assert!(token.ends_with('\n'));
    token.trim_end().to_owned()
}

#[test]
fn rfc7515_a1_verifies_at_its_time_and_is_expired_now() {
    let o = jwt(&[
        "verify",
        "--secret-base64url",
        A1_K,
        "--now",
        "1300819370",
        A1_TOKEN,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let claims: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(claims["iss"], "joe");
    assert_eq!(claims["http://example.com/is_root"], true);
    let err = assert_invalid(&jwt(&["verify", "--secret-base64url", A1_K, A1_TOKEN]));
    assert!(
        err.starts_with("error: token expired at 2011-03-22T18:43:00Z ("),
        "{err}"
    );
    assert!(err.trim_end().ends_with(" ago)"), "{err}");
    // The message at a fixed time.
    let err = assert_invalid(&jwt(&[
        "verify",
        "--secret-base64url",
        A1_K,
        "--now",
        "1300819385",
        A1_TOKEN,
    ]));
    assert_eq!(
        err,
        "error: token expired at 2011-03-22T18:43:00Z (5s ago)\n"
    );
}

#[test]
fn encode_then_verify_for_all_algorithms() {
    for alg in ["HS256", "HS384", "HS512"] {
        let token = encode(
            alg,
            &["--expires-in", "600", "--iat", "--kid", "k1"],
            r#"{"sub":"42","role":"admin"}"#,
        );
        let mut args = vec!["verify", "--alg", alg];
        args.extend(SECRET);
        args.extend(["--sub", "42", &token]);
        let o = jwt(&args);
        assert_eq!(code(&o), 0, "{alg}: {}", stderr(&o));
        let claims: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(claims["role"], "admin");
        assert!(claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap() == 600);
        let header = jwt_core::dangerous::decode_unverified(&token)
            .unwrap()
            .header;
        assert_eq!(
            (header.alg.as_str(), header.kid.as_deref()),
            (alg, Some("k1"))
        );
    }
}

#[test]
fn the_header_never_chooses_the_algorithm() {
    let token = encode("HS384", &["--expires-in", "600"], "{}");
    let mut args = vec!["verify", "--alg", "HS256"];
    args.extend(SECRET);
    args.push(&token);
    let err = assert_invalid(&jwt(&args));
    assert!(err.starts_with("error: algorithm not allowed"), "{err}");
    // Without --alg, HS256 is the default.
    let mut args = vec!["verify"];
    args.extend(SECRET);
    args.push(&token);
    assert_invalid(&jwt(&args));
}

#[test]
fn verify_options() {
    let token = encode(
        "HS256",
        &["--expires-in", "600", "--typ", "at+jwt"],
        r#"{"iss":"a","aud":["x","y"],"sub":"s"}"#,
    );
    let run = |extra: &[&str]| {
        let mut args = vec!["verify"];
        args.extend(SECRET);
        args.extend(extra);
        args.push(&token);
        jwt(&args)
    };
    // A token with aud fails unless an --aud matches; --iss and --aud may repeat.
    let err = assert_invalid(&run(&[]));
    assert!(err.contains("audience"), "{err}");
    assert_eq!(code(&run(&["--aud", "z", "--aud", "y"])), 0);
    assert_invalid(&run(&["--aud", "z"]));
    assert_eq!(code(&run(&["--aud", "x", "--iss", "b", "--iss", "a"])), 0);
    assert!(assert_invalid(&run(&["--aud", "x", "--iss", "b"])).contains("issuer"));
    assert!(assert_invalid(&run(&["--aud", "x", "--sub", "t"])).contains("subject"));
    assert_eq!(code(&run(&["--aud", "x", "--typ", "at+jwt"])), 0);
    assert!(assert_invalid(&run(&["--aud", "x", "--typ", "JWT"])).contains("typ"));
    assert!(assert_invalid(&run(&["--aud", "x", "--max-size", "50"])).contains("limit exceeded"));
    // --now and --leeway.
    let exp = jwt_core::dangerous::decode_unverified(&token)
        .unwrap()
        .claims
        .registered
        .exp
        .unwrap()
        .secs();
    let at = (exp - 1).to_string();
    assert_eq!(code(&run(&["--aud", "x", "--now", &at])), 0);
    let at = exp.to_string();
    assert!(assert_invalid(&run(&["--aud", "x", "--now", &at])).contains("expired"));
    assert_eq!(
        code(&run(&["--aud", "x", "--now", &at, "--leeway", "1"])),
        0
    );
    // Leeway is at most a day (jwt_core::LEEWAY_LIMIT): more is a usage error, not a token
    // that verifies however long ago it expired.
    let later = (exp + 86_400).to_string();
    assert!(
        assert_invalid(&run(&["--aud", "x", "--now", &later, "--leeway", "86400"]))
            .contains("expired")
    );
    for leeway in ["86401", "18446744073709551615"] {
        let err = assert_usage(&run(&["--aud", "x", "--now", &at, "--leeway", leeway]));
        assert!(err.contains("0..=86400"), "{err}");
    }
    // A token from stdin, with one trailing newline.
    let mut args = vec!["verify"];
    args.extend(SECRET);
    args.extend(["--aud", "x", "-"]);
    assert_eq!(code(&jwt_stdin(&args, Some(&format!("{token}\n")))), 0);
    assert_invalid(&jwt_stdin(&args, Some(&format!("{token}\n\n"))));
}

#[test]
fn exp_is_required_unless_no_exp() {
    let mut args = vec!["encode"];
    args.extend(SECRET);
    args.push(r#"{"sub":"x"}"#);
    let err = assert_usage(&jwt(&args));
    assert!(err.contains("--expires-in"), "{err}");
    let token = encode("HS256", &["--no-exp"], r#"{"sub":"x"}"#);
    let mut args = vec!["verify"];
    args.extend(SECRET);
    args.push(&token);
    assert!(assert_invalid(&jwt(&args)).contains("missing claim `exp`"));
    let mut args = vec!["verify", "--no-exp"];
    args.extend(SECRET);
    args.push(&token);
    assert_eq!(code(&jwt(&args)), 0);
}

#[test]
fn encode_reads_stdin_and_refuses_bad_claims() {
    let mut args = vec!["encode", "--expires-in", "60"];
    args.extend(SECRET);
    args.push("-");
    let o = jwt_stdin(&args, Some("{\"sub\":\"from-stdin\"}\n"));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let c = jwt_core::dangerous::decode_unverified(stdout(&o).trim_end())
        .unwrap()
        .claims;
    assert_eq!(c.registered.sub.as_deref(), Some("from-stdin"));
    for bad in [
        "[1]",
        "not json",
        r#"{"a":1,"a":2}"#,
        r#"{"exp":"soon"}"#,
        r#"{"aud":[]}"#,
    ] {
        let mut args = vec!["encode", "--no-exp"];
        args.extend(SECRET);
        args.push(bad);
        assert_usage(&jwt(&args));
    }
    let mut args = vec!["encode", "--expires-in", "60"];
    args.extend(SECRET);
    args.push(r#"{"exp":1}"#);
    assert!(assert_usage(&jwt(&args)).contains("already have exp"));
}

#[test]
fn secrets_are_checked_and_never_echoed() {
    // Below the algorithm's minimum: exit 2.
    let err = assert_usage(&jwt(&[
        "encode",
        "--secret-env",
        "JWT_SHORT_SECRET",
        "--expires-in",
        "60",
        "{}",
    ]));
    assert!(err.contains("at least 32 bytes"), "{err}");
    assert!(!err.contains("too-short"));
    let err = assert_usage(&jwt(&[
        "encode",
        "--alg",
        "HS512",
        "--secret-base64url",
        "AAAA",
        "--expires-in",
        "60",
        "{}",
    ]));
    assert!(!err.contains("AAAA"), "{err}");
    // Missing, doubled, unreadable, malformed.
    assert_usage(&jwt(&["encode", "--expires-in", "60", "{}"]));
    assert_usage(&jwt(&[
        "encode",
        "--secret-env",
        "JWT_TEST_SECRET",
        "--secret-base64url",
        "AAAA",
        "{}",
    ]));
    assert!(assert_usage(&jwt(&[
        "encode",
        "--secret-env",
        "NO_SUCH_VARIABLE_HERE",
        "{}"
    ]))
    .contains("not set"));
    assert!(assert_usage(&jwt(&[
        "verify",
        "--secret-file",
        "/nonexistent/secret",
        "x.y.z"
    ]))
    .contains("cannot read"));
    assert_usage(&jwt(&["verify", "--secret-base64url", "AyM1+/==", "x.y.z"]));
    // A secret file with a trailing newline.
    let dir = std::env::temp_dir().join(format!("jwt-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("secret");
    std::fs::write(&path, format!("{TEST_SECRET}\n")).unwrap();
    let token = encode("HS256", &["--expires-in", "60"], "{}");
    let o = jwt(&["verify", "--secret-file", path.to_str().unwrap(), &token]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
    // A secret is not accepted as a bare argument.
    assert_usage(&jwt(&["encode", TEST_SECRET, "{}"]));
}

/// A base64url secret may start with `-` (one random secret in 64 does): every command takes
/// it as the secret's value, not as a flag. So do `TOKEN` and `CLAIMS_JSON`, which are then
/// judged as a token and as claims.
#[test]
fn hyphen_leading_values_are_values() {
    // 32 bytes of 0xf8: base64url `-Pj4-Pj4...`, which starts with `-`.
    let k = "-Pj4-Pj4-Pj4-Pj4-Pj4-Pj4-Pj4-Pj4-Pj4-Pj4-Pg";
    let o = jwt(&[
        "encode",
        "--secret-base64url",
        k,
        "--expires-in",
        "60",
        "{}",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let token = stdout(&o).trim_end().to_owned();
    let o = jwt(&["verify", "--secret-base64url", k, &token]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // With the options after the secret, too.
    let o = jwt(&["verify", "--secret-base64url", k, "--leeway", "5", &token]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The same key bytes through a file verify the same token.
    let dir = std::env::temp_dir().join(format!("jwt-cli-hyphen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("secret");
    std::fs::write(&path, [0xf8u8; 32]).unwrap();
    assert_eq!(
        code(&jwt(&[
            "verify",
            "--secret-file",
            path.to_str().unwrap(),
            &token
        ])),
        0
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // Zoom secrets are text, and such a secret is not: the reason says so (exit 2), rather
    // than an unknown flag.
    for zoom in [
        &["zoom", "api", "--api-key", "a"][..],
        &["zoom", "meeting-sdk", "--sdk-key", "a"],
        &[
            "zoom",
            "video-sdk",
            "--sdk-key",
            "a",
            "--topic",
            "t",
            "--role",
            "1",
        ],
        &[
            "zoom",
            "cobrowse",
            "--sdk-key",
            "a",
            "--role",
            "2",
            "--user-id",
            "u",
            "--user-name",
            "n",
        ],
    ] {
        let mut args = zoom.to_vec();
        args.extend(["--secret-base64url", k]);
        assert!(assert_usage(&jwt(&args)).contains("not UTF-8"), "{zoom:?}");
    }
    // A token or claims that start with `-` are judged as such: a token that is not one is
    // invalid (exit 1), claims that are not an object are an input error.
    let bad_token = format!("-{}", &token[1..]);
    let mut args = vec!["verify"];
    args.extend(SECRET);
    args.push(&bad_token);
    assert!(assert_invalid(&jwt(&args)).contains("malformed"));
    assert!(assert_invalid(&jwt(&["decode", &bad_token])).contains("malformed"));
    let mut args = vec!["encode"];
    args.extend(SECRET);
    args.extend(["--expires-in", "60", "-1"]);
    assert!(assert_usage(&jwt(&args)).contains("not a valid JSON object"));
    // `-` alone still reads stdin, and an unknown flag is still a usage error.
    let args = ["verify", "--secret-base64url", k, "-"];
    assert_eq!(code(&jwt_stdin(&args, Some(&token))), 0);
    assert_usage(&jwt(&["decode", "--frobnicate", "x.y.z"]));
}

#[test]
fn usage_errors_exit_2() {
    assert_usage(&jwt(&[]));
    assert_usage(&jwt(&["frobnicate"]));
    assert_usage(&jwt(&["decode"]));
    assert_usage(&jwt(&["decode", "--frobnicate", "x.y.z"]));
    assert_usage(&jwt(&[
        "zoom",
        "video-sdk",
        "--sdk-key",
        "k",
        "--secret-env",
        "JWT_TEST_SECRET",
    ]));
    assert_usage(&jwt(&[
        "verify",
        "--alg",
        "none",
        "--secret-env",
        "JWT_TEST_SECRET",
        "x",
    ]));
    assert_usage(&jwt(&[
        "verify",
        "--secret-env",
        "JWT_TEST_SECRET",
        "--now",
        "soon",
        "x",
    ]));
    let o = jwt(&["--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("encode"));
}

#[test]
fn decode_shows_times_and_says_unverified() {
    // Minted in the past, with the library and an injected clock.
    let key = jwt_core::Hs256Key::from_secret(TEST_SECRET.as_bytes()).unwrap();
    let then = FixedClock::at_secs(1_699_990_000).unwrap();
    let claims: jwt_core::JwtClaims =
        serde_json::from_str(r#"{"sub":"x","exp":1700000000,"iat":1699990000}"#).unwrap();
    let token =
        jwt_core::encode::sign(&claims, &key, &jwt_core::Validation::new().clock(then)).unwrap();
    let o = jwt(&["decode", &token]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.lines().next().unwrap().contains("NOT verified"),
        "{text}"
    );
    assert!(text.contains("\"sub\": \"x\""), "{text}");
    assert!(
        text.contains("exp: 2023-11-14T22:13:20Z (expired "),
        "{text}"
    );
    assert!(
        text.contains("iat: 2023-11-14T19:26:40Z (issued "),
        "{text}"
    );
    let o = jwt(&["decode", "--json", &token]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["verified"], false);
    assert_eq!(doc["header"]["alg"], "HS256");
    assert_eq!(doc["claims"]["exp"], 1_700_000_000);
    assert_eq!(doc["times"]["exp"]["utc"], "2023-11-14T22:13:20Z");
    assert_eq!(doc["times"]["exp"]["past"], true);
    // Garbage: exit 1 with the reason.
    let err = assert_invalid(&jwt(&["decode", "not-a-token"]));
    assert!(err.contains("malformed token"), "{err}");
    assert!(assert_invalid(&jwt(&["decode", "e30.e30"])).contains("three segments"));
    assert!(assert_invalid(&jwt(&["decode", "e30.e30.x"])).contains("malformed header"));
    assert!(assert_invalid(&jwt_stdin(&["decode", "-"], Some("!!\n"))).contains("malformed token"));
}

#[test]
fn zoom_tokens_follow_zoom_rules() {
    let key = jwt_core::zoom::hs256_key_from_zoom_secret(TEST_SECRET).unwrap();
    // The clock is read after each command ran, so a second boundary between the two
    // cannot make the token's iat look like the future.
    let after = || FixedClock::at_secs(jwt_core::NumericDate::now().unwrap().secs()).unwrap();
    let o = jwt(&[
        "zoom",
        "meeting-sdk",
        "--sdk-key",
        "abc123",
        "--secret-env",
        "JWT_TEST_SECRET",
        "--meeting",
        "123456789",
        "--role",
        "1",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let m = jwt_core::zoom::MeetingSdkToken::verifier(&key)
        .clock(after())
        .verify(stdout(&o).trim_end())
        .unwrap();
    assert_eq!(
        (m.mn.as_deref(), m.role, m.exp - m.iat),
        (Some("123456789"), Some(1), 7200)
    );
    let o = jwt(&[
        "zoom",
        "video-sdk",
        "--sdk-key",
        "VIDEO_SDK_KEY",
        "--secret-env",
        "JWT_TEST_SECRET",
        "--topic",
        "Cool Cars",
        "--role",
        "1",
        "--session-key",
        "session123",
        "--geo-regions",
        "US,DE",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = jwt_core::zoom::VideoSdkToken::verifier(&key)
        .clock(after())
        .verify(stdout(&o).trim_end())
        .unwrap();
    assert_eq!(
        (v.tpc.as_str(), v.role_type, v.version),
        ("Cool Cars", 1, 1)
    );
    let o = jwt(&[
        "zoom",
        "cobrowse",
        "--sdk-key",
        "k",
        "--secret-env",
        "JWT_TEST_SECRET",
        "--role",
        "2",
        "--user-id",
        "u1",
        "--user-name",
        "Ann",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = jwt(&[
        "zoom",
        "api",
        "--api-key",
        "abcdefghijklmnopqrstuv",
        "--secret-env",
        "JWT_SHORT_SECRET",
    ]);
    assert_eq!(
        code(&o),
        0,
        "a short Zoom secret still signs: {}",
        stderr(&o)
    );
    // Out-of-range flags exit 2 and name the claim.
    let err = assert_usage(&jwt(&[
        "zoom",
        "meeting-sdk",
        "--sdk-key",
        "k",
        "--secret-env",
        "JWT_TEST_SECRET",
        "--expires-in",
        "1799",
    ]));
    assert!(err.contains("lifetime"), "{err}");
    let err = assert_usage(&jwt(&[
        "zoom",
        "meeting-sdk",
        "--sdk-key",
        "k",
        "--secret-env",
        "JWT_TEST_SECRET",
        "--meeting",
        "1",
        "--role",
        "2",
    ]));
    assert!(err.contains("`role`"), "{err}");
    let err = assert_usage(&jwt(&[
        "zoom",
        "video-sdk",
        "--sdk-key",
        "k",
        "--secret-env",
        "JWT_TEST_SECRET",
        "--topic",
        "t",
        "--role",
        "2",
    ]));
    assert!(err.contains("`role_type`"), "{err}");
    assert_usage(&jwt(&[
        "zoom",
        "meeting-sdk",
        "--sdk-key",
        "k",
        "--secret-env",
        "JWT_TEST_SECRET",
        "--meeting",
        "1",
    ]));
    assert_usage(&jwt(&[
        "zoom",
        "cobrowse",
        "--sdk-key",
        "k",
        "--secret-env",
        "JWT_TEST_SECRET",
        "--role",
        "3",
        "--user-id",
        "u",
        "--user-name",
        "n",
    ]));
}
