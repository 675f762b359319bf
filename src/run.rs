//! The commands.

use std::io::{Read, Write};
use std::sync::Arc;

use jwt_core::dangerous::decode_unverified;
use jwt_core::zoom::{ApiToken, CobrowseToken, MeetingSdkToken, VideoSdkToken};
use jwt_core::{
    decode, encode, Claims, Clock, Error, ErrorKind, FixedClock, JwtClaims, NumericDate,
    SystemClock, Validation,
};

use crate::args::{Cli, Command, Decode, Encode, JwkCommand, Verify, Zoom};
use crate::{keygen, keys, secret, when, Failure};

pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Encode(a) => encode_cmd(&a),
        Command::Decode(a) => decode_cmd(&a),
        Command::Verify(a) => verify_cmd(&a),
        Command::Zoom(z) => zoom_cmd(&z),
        Command::Keygen(a) => keygen::keygen(&a),
        Command::Jwk(JwkCommand::Thumbprint(a)) => keygen::thumbprint(&a),
    }
}

/// An argument as given, or stdin with one trailing newline removed for `-`.
fn input(arg: &str, what: &str) -> Result<String, Failure> {
    if arg != "-" {
        return Ok(arg.to_owned());
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| Failure::Input(format!("cannot read the {what} from stdin: {e}")))?;
    if text.ends_with("\r\n") {
        text.truncate(text.len() - 2);
    } else if text.ends_with('\n') {
        text.truncate(text.len() - 1);
    }
    Ok(text)
}

/// Writes to stdout; a closed pipe is not an error worth a panic.
pub fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Input(format!("cannot write the output: {e}"))),
    }
}

fn now() -> Result<NumericDate, Failure> {
    NumericDate::now().map_err(|e| Failure::Input(format!("the system clock is unusable: {e}")))
}

fn encode_cmd(a: &Encode) -> Result<(), Failure> {
    let key = keys::signing_key(a.alg, a.kid.clone(), &a.key)?;
    let text = input(&a.claims, "claims")?;
    let mut claims: JwtClaims = serde_json::from_str(&text).map_err(|e| {
        Failure::Input(format!(
            "the claims are not a valid JSON object of claims: {e}"
        ))
    })?;
    // Times written into tokens are whole seconds.
    let now = now()?;
    let now = NumericDate::from_secs(now.secs()).map_err(|e| Failure::Input(e.to_string()))?;
    if let Some(secs) = a.expires_in {
        if claims.registered.exp.is_some() {
            return Err(Failure::Input(
                "the claims already have exp; drop it or drop --expires-in".into(),
            ));
        }
        let secs = i64::try_from(secs)
            .ok()
            .and_then(|s| now.checked_add_secs(s));
        claims.registered.exp =
            Some(secs.ok_or_else(|| Failure::Input("--expires-in is too large".into()))?);
    }
    if a.iat {
        if claims.registered.iat.is_some() {
            return Err(Failure::Input(
                "the claims already have iat; drop it or drop --iat".into(),
            ));
        }
        claims.registered.iat = Some(now);
    }
    let mut v = Validation::new().require_exp(!a.no_exp);
    if let Some(typ) = &a.typ {
        v = v.typ(typ.clone());
    }
    let token = encode::sign(&claims, &key.as_ref(), &v).map_err(|e| {
        match e.kind() {
        ErrorKind::MissingClaim(name) if name == "exp" => Failure::Input(
            "missing claim `exp`: add --expires-in SECS, or --no-exp for a token that never expires"
                .into(),
        ),
        _ => Failure::Input(e.to_string()),
    }
    })?;
    out(&format!("{token}\n"))
}

fn times(claims: &JwtClaims) -> Vec<(&'static str, NumericDate)> {
    let r = &claims.registered;
    [("exp", r.exp), ("nbf", r.nbf), ("iat", r.iat)]
        .into_iter()
        .filter_map(|(name, d)| d.map(|d| (name, d)))
        .collect()
}

fn decode_cmd(a: &Decode) -> Result<(), Failure> {
    let token = input(&a.token, "token")?;
    let token = decode_unverified(&token).map_err(|e| Failure::Invalid(e.to_string()))?;
    let now = now()?;
    if a.json {
        let times: serde_json::Map<String, serde_json::Value> = times(&token.claims)
            .into_iter()
            .map(|(name, d)| {
                (
                    name.to_owned(),
                    serde_json::json!({
                        "utc": when::utc(d),
                        "relative": when::relative(d, now),
                        "past": d <= now,
                    }),
                )
            })
            .collect();
        // Written member by member so the claims keep their order (registered ones first).
        let doc = format!(
            "{{\"verified\":false,\"header\":{},\"claims\":{},\"times\":{}}}\n",
            json(&token.header, false),
            json(&token.claims, false),
            serde_json::Value::Object(times)
        );
        return out(&doc);
    }
    let mut text = String::from("signature NOT verified: anyone could have written this token\n\n");
    text.push_str(&format!(
        "header:\n{}\n\nclaims:\n{}\n",
        json(&token.header, true),
        json(&token.claims, true)
    ));
    let lines = times(&token.claims);
    if !lines.is_empty() {
        text.push('\n');
        for (name, d) in lines {
            text.push_str(&when::describe(name, d, now));
            text.push('\n');
        }
    }
    out(&text)
}

fn verify_cmd(a: &Verify) -> Result<(), Failure> {
    let key = keys::verifying_key(a.alg, &a.key)?;
    let token = input(&a.token, "token")?;
    let clock: Arc<dyn Clock> = match a.now {
        Some(secs) => {
            Arc::new(FixedClock::at_secs(secs).map_err(|e| Failure::Input(format!("--now: {e}")))?)
        }
        None => Arc::new(SystemClock),
    };
    let mut v = Validation::new()
        .clock(clock.clone())
        .leeway(a.leeway)
        .map_err(|e| Failure::Input(format!("--leeway: {e}")))?
        .require_exp(!a.no_exp)
        .max_size(a.max_size);
    for iss in &a.iss {
        v = v.issuer(iss.clone());
    }
    for aud in &a.aud {
        v = v.audience(aud.clone());
    }
    if let Some(sub) = &a.sub {
        v = v.subject(sub.clone());
    }
    if let Some(typ) = &a.typ {
        v = v.typ(typ.clone());
    }
    let result: Result<JwtClaims, Error> = decode::verify(&token, &key.as_ref(), &v);
    match result {
        Ok(claims) => {
            let json = serde_json::to_string(&claims).map_err(|e| Failure::Input(e.to_string()))?;
            out(&format!("{json}\n"))
        }
        Err(e) => Err(Failure::Invalid(explain(&e, &token, clock.now()))),
    }
}

/// The reason a token was refused, with times shown as UTC and relative to now.
fn explain(e: &Error, token: &str, now: NumericDate) -> String {
    let claim = match e.kind() {
        ErrorKind::Expired => "exp",
        ErrorKind::NotYetValid => "nbf",
        ErrorKind::IssuedInFuture => "iat",
        _ => return e.to_string(),
    };
    // The signature verified before the time rules ran, so these values are the signed ones.
    let Some(date) = decode_unverified(token).ok().and_then(|u| {
        let r = u.claims.registered;
        match claim {
            "exp" => r.exp,
            "nbf" => r.nbf,
            _ => r.iat,
        }
    }) else {
        return e.to_string();
    };
    let rel = when::relative(date, now);
    match claim {
        "exp" => format!("token expired at {} ({rel})", when::utc(date)),
        "nbf" => format!("token not valid until {} ({rel})", when::utc(date)),
        _ => format!("token issued in the future, at {} ({rel})", when::utc(date)),
    }
}

fn zoom_cmd(z: &Zoom) -> Result<(), Failure> {
    let clock = SystemClock;
    let input_err = |e: Error| Failure::Input(e.to_string());
    let token = match z {
        Zoom::Api(a) => {
            let key = secret::zoom_key(&a.secret)?;
            ApiToken::new_at(a.api_key.clone(), a.expires_in, &clock)
                .sign_with_clock(&key, &clock)
                .map_err(input_err)?
        }
        Zoom::MeetingSdk(a) => {
            let key = secret::zoom_key(&a.secret)?;
            let mut c = MeetingSdkToken::new_at(a.sdk_key.clone(), &clock).expires_in(a.expires_in);
            if let (Some(n), Some(role)) = (&a.meeting, a.role) {
                c = c.meeting(n.clone(), role);
            }
            c.video_webrtc_mode = a.video_webrtc_mode;
            c.sign_with_clock(&key, &clock).map_err(input_err)?
        }
        Zoom::VideoSdk(a) => {
            let key = secret::zoom_key(&a.secret)?;
            let mut c = VideoSdkToken::new_at(a.sdk_key.clone(), a.topic.clone(), a.role, &clock)
                .expires_in(a.expires_in);
            c.session_key.clone_from(&a.session_key);
            c.user_key.clone_from(&a.user_key);
            c.user_identity.clone_from(&a.user_identity);
            c.geo_regions.clone_from(&a.geo_regions);
            c.cloud_recording_option = a.cloud_recording_option;
            c.cloud_recording_election = a.cloud_recording_election;
            c.cloud_recording_transcript_option = a.cloud_recording_transcript_option;
            c.telemetry_tracking_id.clone_from(&a.telemetry_tracking_id);
            c.video_webrtc_mode = a.video_webrtc_mode;
            c.audio_webrtc_mode = a.audio_webrtc_mode;
            c.sign_with_clock(&key, &clock).map_err(input_err)?
        }
        Zoom::Cobrowse(a) => {
            let key = secret::zoom_key(&a.secret)?;
            let mut c = CobrowseToken::new_at(
                a.sdk_key.clone(),
                a.role,
                a.user_id.clone(),
                a.user_name.clone(),
                &clock,
            )
            .expires_in(a.expires_in);
            if a.enable_byop {
                c.enable_byop = Some(1);
            }
            c.sign_with_clock(&key, &clock).map_err(input_err)?
        }
    };
    out(&format!("{token}\n"))
}

/// JSON text of a value, compact or pretty.
fn json<T: serde::Serialize>(value: &T, pretty: bool) -> String {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    text.unwrap_or_else(|_| "null".to_owned())
}
