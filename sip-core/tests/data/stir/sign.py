"""Signs the PASSporTs of the STIR/SHAKEN fixtures with PyJWT (run by make.sh)."""
import base64
import datetime
import json
import os
import subprocess

import jwt
from cryptography import x509

key = open(os.environ["KEY"]).read()
cert = x509.load_pem_x509_certificate(open("cert.pem", "rb").read())
start = int(cert.not_valid_before_utc.timestamp())
x5u = "https://cert.example.org/passport.pem"
shaken = {"ppt": "shaken", "typ": "passport", "x5u": x5u}
claims = {
    "attest": "A",
    "dest": {"tn": ["12155551213"]},
    "iat": start + 3600,
    "orig": {"tn": "12155551212"},
    "origid": "123e4567-e89b-12d3-a456-426655440000",
}
tokens = {
    # RFC 8588's claims, signed an hour into the certificate's validity.
    "shaken-a.token": jwt.encode(claims, key, algorithm="ES256", headers=shaken),
    # A diverted call's PASSporT (RFC 8946).
    "div.token": jwt.encode(
        {
            "dest": {"tn": ["12155551214"]},
            "div": {"tn": "12155551213"},
            "iat": start + 3700,
            "orig": {"tn": "12155551212"},
        },
        key,
        algorithm="ES256",
        headers={"ppt": "div", "typ": "passport", "x5u": x5u},
    ),
    # Signed a day before the certificate became valid.
    "before-validity.token": jwt.encode(
        dict(claims, iat=start - 86400), key, algorithm="ES256", headers=shaken
    ),
}
for name, token in tokens.items():
    open(name, "w").write(token + "\n")

# The same claims with the ASN.1 DER signature openssl writes, not JOSE's r then s.
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
head = b64(json.dumps(dict(shaken, alg="ES256"), separators=(",", ":")).encode())
body = b64(json.dumps(claims, separators=(",", ":")).encode())
signing_input = f"{head}.{body}".encode()
der = subprocess.run(
    ["openssl", "dgst", "-sha256", "-sign", os.environ["KEY"]],
    input=signing_input,
    capture_output=True,
    check=True,
).stdout
open("der-signature.token", "w").write(f"{head}.{body}.{b64(der)}\n")
print("signed at", datetime.datetime.fromtimestamp(start + 3600, datetime.UTC))
