// Private: the keys of the fake exchange's default account. Generated for this fake with
// OpenSSL (Ed25519, RSA 2048) and random text (API key, HMAC secret); they guard nothing.

/** The default account's API key (64 letters and digits, like Binance's). */
export const DEFAULT_API_KEY = "FakeBinanceDefaultAccountsUtuXno1SnVHSu1Y5L8q27GZAw1m4KFoS3coCWk";

/** The default account's HMAC secret. */
export const DEFAULT_HMAC_SECRET =
  "lHwU70JMMKuiSBY4iaGLu2NOShOnQchZ7Y3wFw5Bd3Ashae7e1G4OFj954wLPURc";

/** The default account's Ed25519 private key (PKCS#8 PEM). */
export const DEFAULT_ED25519_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIFnRczTlM1R+sYaPW2g3H9TXJ5bhWoAAJVgXKmXtyvUW
-----END PRIVATE KEY-----
`;

/** The default account's Ed25519 public key (SPKI PEM). */
export const DEFAULT_ED25519_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEANwjEjwURSfeu1HZql5EQQGzHR9HvmyTvPzgL9e9jtHg=
-----END PUBLIC KEY-----
`;

/** The default account's RSA 2048 private key (PKCS#8 PEM). */
export const DEFAULT_RSA_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCi1sGv6byNbuDS
MPeAVBF5r1wkn68y+LDFmPcSdEnh7WJ/oyg8IC8G6ZiPtuOKasj1ziiWlttTutT8
EaIXq2LVqkAkWOMgHvUbuOPRn6Qedp1xO9+HwWrV1LNg7Ex4OrrKDVQLLQ7si6DN
WvterqfDTnhLTKXuFLVncmVQiXdpMWAfSATTvQiYYBD5qAWwv8Tm/kC9G738jTWu
Q6IfyxMw40zdoIeY0JKwKjk9YfCimUBdtxNXjpdrfis5VLvsXDsoVRAo1nElO4fq
QHI8Rq/0/GWbfUDEPS65+yVbSEKJJ/LO2uA9Uv5e+DCyaOI7Gxi2VsL5FzlHuE+9
ODKtatYbAgMBAAECggEAS5yKvUM8QTQOAquoERd4MdeiYoMfV/ywIGCBwTjsIZMX
nIrHIPwUuhH3vCvBBkHFZJXAtQQBfaSQRyds666yKuJt/DKl7AFT8PZuGqUVEOwk
+TJC/gdqszWbwVKXw3AJ0c5Uiwf2GRJQrWoktHdHAOJL6zMBDUbiYNF2h+n834PH
GotH04fA3vxsb+vdZso4o0LSEbMVvfqZhOj9OYHqfuViYstW11Pkd4xmtUCPo/H8
HH9wHkCWQKFyAdeA/AWDtIewbMtv/eCzyYT8YHmW4HBBER1v2Pa8bjvISoTSZ323
LY4gS/mEeN74bEaBCHRn22loaLuzpjnFzefd868mgQKBgQDScZ7k32vqzN8XSSeR
/2D99hf0ofb2JbZStZYx5z48k+d/iZYQpWX7tSTli38nb96y1DRWsx/+ob3HZBCw
en0IKqpehceXh9ld9pu6rI9jdZxKZeb1X0M7zsNfF7yUdw8k77h97BV1GawE3suj
v3ag4lCe/V34pQ/PE6AtLPi82wKBgQDGFvb6qdhCaIDaoLEzEjWaVYJJeho1+Yvg
dc8LiUZq4FFr/pSzlRTEdoz51fKpQpkJf9LEmmX+uocJadNnNCMOdqshuH6AkOsy
jkq2fTeep07uow3rkq9RiubTQjLcmPKl4oWgk8SNe2lIx8DVrByHPczaZfBInpMZ
2zjG0vzvwQKBgQC7gdWMJK6pZaYZv2rsoVmwr0elB3Ne2zda9sU+7cX8f+SzNMpr
RpRZ9ItNpD/Fyd3qBT4lSjFl1oOcV8KvHFSvpCRtWFIA6GB7YrJbYEna2v5JJAbn
9tuXPKHD5wh2WKc7yATg3iw4TImDRWi5HG385+nh3+uNErXFUr1Tw1BWJQKBgFFE
hKkL20xLYWnQeUJRmyopIJ2SeYRhT9CTpJDADeK1CtJ6jHkslWuQk3/AFaD5UJ3E
Ei1Uhrm9vr7O6ssxaZx6dPUNouCOE+AW3nIF5zawv0JKJODbug+DI/XR99nm6c3C
pD3fwcils+kHAobm6IFXil6jabPxUrpN5Po0/05BAoGBAMflxX4jJJdJvUFjgaS1
ocnzFAgHNvlVX21xd8IVDRHOUxE7t/xlRU/9qyqlNn1qz7Fv230f9GY9D3E76ZIA
oD/YvRStZuC8Qc9fYMN7Xgs5jaQkEaV6LSsRWOF2MvO8IyYkK7KOUo6ofJHfHCX6
6X3DCoT3nRGjeY+0JIjE19Fy
-----END PRIVATE KEY-----
`;

/** The default account's RSA 2048 public key (SPKI PEM). */
export const DEFAULT_RSA_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAotbBr+m8jW7g0jD3gFQR
ea9cJJ+vMviwxZj3EnRJ4e1if6MoPCAvBumYj7bjimrI9c4olpbbU7rU/BGiF6ti
1apAJFjjIB71G7jj0Z+kHnadcTvfh8Fq1dSzYOxMeDq6yg1UCy0O7IugzVr7Xq6n
w054S0yl7hS1Z3JlUIl3aTFgH0gE070ImGAQ+agFsL/E5v5AvRu9/I01rkOiH8sT
MONM3aCHmNCSsCo5PWHwoplAXbcTV46Xa34rOVS77Fw7KFUQKNZxJTuH6kByPEav
9Pxlm31AxD0uufslW0hCiSfyztrgPVL+XvgwsmjiOxsYtlbC+Rc5R7hPvTgyrWrW
GwIDAQAB
-----END PUBLIC KEY-----
`;
