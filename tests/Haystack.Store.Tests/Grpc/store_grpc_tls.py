"""Calls a Store over gRPC with TLS using the real grpcio client, trusting the test's CA.

Usage: store_grpc_tls.py STUBS_DIR HOST:PORT CA_FILE KEY
Prints one JSON object saying what each call returned; the C# test asserts on it.
Run with Debian's /usr/bin/python3 (python3-grpcio, python3-grpc-tools).
"""
import json
import sys

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
import store_pb2  # noqa: E402
import store_pb2_grpc  # noqa: E402

TARGET, CA_FILE, KEY = sys.argv[2], sys.argv[3], sys.argv[4]
PHOTO = "1,42c0ffee01"
DATA = bytes(range(256)) * 16
TIMEOUT = 15


def status_of(call, *args, **kwargs):
    """Runs a call expected to fail; returns its status name and details."""
    try:
        call(*args, timeout=TIMEOUT, **kwargs)
    except grpc.RpcError as error:
        return {"code": error.code().name, "details": error.details()}
    return {"code": "OK", "details": ""}


def main():
    with open(CA_FILE, "rb") as ca:
        trusting_the_ca = grpc.ssl_channel_credentials(root_certificates=ca.read())
    keyed = [("authorization", f"Bearer {KEY}")]
    report = {}

    with grpc.secure_channel(TARGET, trusting_the_ca) as channel:
        stub = store_pb2_grpc.StoreStub(channel)
        written = stub.Write(store_pb2.WriteRequest(photo_id=PHOTO, data=DATA, content_type="image/png"),
                             metadata=keyed, timeout=TIMEOUT)
        report["write"] = {"photo_id": written.photo_id, "size": written.size}
        read = stub.Read(store_pb2.ReadRequest(photo_id=PHOTO), timeout=TIMEOUT)
        report["read"] = {"same_data": read.data == DATA, "content_type": read.content_type}
        report["write_without_key"] = status_of(
            stub.Write, store_pb2.WriteRequest(photo_id="1,43c0ffee01", data=DATA))

    # The system's roots do not include the test's CA: the handshake fails before any call reaches the store.
    with grpc.secure_channel(TARGET, grpc.ssl_channel_credentials()) as channel:
        report["read_with_system_roots"] = status_of(
            store_pb2_grpc.StoreStub(channel).Read, store_pb2.ReadRequest(photo_id=PHOTO))

    with grpc.insecure_channel(TARGET) as channel:
        report["read_over_plain_text"] = status_of(
            store_pb2_grpc.StoreStub(channel).Read, store_pb2.ReadRequest(photo_id=PHOTO))

    print(json.dumps(report))


if __name__ == "__main__":
    main()
