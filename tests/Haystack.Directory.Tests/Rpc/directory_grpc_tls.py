"""Uploads through the Directory over gRPC with TLS using the real grpcio client, trusting the test's CA.

Usage: directory_grpc_tls.py STUBS_DIR HOST:PORT CA_FILE KEY
Prints one JSON object saying what each call returned; the C# test asserts on it.
Run with Debian's /usr/bin/python3 (python3-grpcio, python3-grpc-tools).
"""
import json
import sys

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
import directory_pb2  # noqa: E402
import directory_pb2_grpc  # noqa: E402

TARGET, CA_FILE, KEY = sys.argv[2], sys.argv[3], sys.argv[4]
DATA = bytes(range(256)) * 12
TIMEOUT = 30


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
    report = {}

    with grpc.secure_channel(TARGET, trusting_the_ca) as channel:
        directory = directory_pb2_grpc.DirectoryStub(channel)
        uploaded = directory.Upload(directory_pb2.UploadRequest(data=DATA, content_type="image/png"),
                                    metadata=[("authorization", f"Bearer {KEY}")], timeout=TIMEOUT)
        report["upload"] = {"photo_id": uploaded.photo_id, "size": uploaded.size}
        looked_up = directory.Lookup(directory_pb2.LookupRequest(photo_id=uploaded.photo_id), timeout=TIMEOUT)
        report["lookup"] = {"locations": len(looked_up.locations)}
        report["upload_without_key"] = status_of(directory.Upload, directory_pb2.UploadRequest(data=DATA))

    # The system's roots do not include the test's CA: the handshake fails before any call reaches the directory.
    with grpc.secure_channel(TARGET, grpc.ssl_channel_credentials()) as channel:
        report["upload_with_system_roots"] = status_of(
            directory_pb2_grpc.DirectoryStub(channel).Upload, directory_pb2.UploadRequest(data=DATA),
            metadata=[("authorization", f"Bearer {KEY}")])

    print(json.dumps(report))


if __name__ == "__main__":
    main()
