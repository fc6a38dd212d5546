"""Drives the Directory's gRPC service with the real grpcio client to prove wire compatibility.

Usage: directory_grpc_client.py STUBS_DIR HOST:PORT
Prints one JSON object describing what every call returned; the C# test asserts on it.
Run with Debian's /usr/bin/python3 (python3-grpcio, python3-grpc-tools).
"""
import json
import sys

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
import directory_pb2  # noqa: E402
import directory_pb2_grpc  # noqa: E402

DATA = bytes(range(256)) * 20


def status_of(call, request):
    """Runs a call expected to fail; returns its status name and details."""
    try:
        call(request, timeout=30)
    except grpc.RpcError as error:
        return {"code": error.code().name, "details": error.details()}
    return {"code": "OK", "details": ""}


def main():
    with grpc.insecure_channel(sys.argv[2]) as channel:
        directory = directory_pb2_grpc.DirectoryStub(channel)
        report = {}

        uploaded = directory.Upload(directory_pb2.UploadRequest(data=DATA, content_type="image/png"), timeout=30)
        report["upload"] = {"photo_id": uploaded.photo_id, "url": uploaded.url, "volume": uploaded.volume,
                            "size": uploaded.size, "replicas": list(uploaded.replicas)}
        keyed = directory.Upload(directory_pb2.UploadRequest(data=DATA, key=0xABCDEF, alternate_key=3), timeout=30)
        report["upload_keyed"] = {"photo_id": keyed.photo_id}

        looked_up = directory.Lookup(directory_pb2.LookupRequest(photo_id=uploaded.photo_id), timeout=30)
        report["lookup"] = {"volume": looked_up.volume, "state": directory_pb2.VolumeState.Name(looked_up.state),
                            "locations": list(looked_up.locations)}
        report["lookup_unknown"] = status_of(directory.Lookup, directory_pb2.LookupRequest(volume=4000))

        directory.Delete(directory_pb2.DeleteRequest(photo_id=uploaded.photo_id), timeout=30)
        report["delete_again"] = status_of(directory.Delete, directory_pb2.DeleteRequest(photo_id=uploaded.photo_id))
        report["delete_malformed"] = status_of(directory.Delete, directory_pb2.DeleteRequest(photo_id="7,caf\u00e9"))
        report["upload_empty"] = status_of(directory.Upload, directory_pb2.UploadRequest())

        print(json.dumps(report))


if __name__ == "__main__":
    main()
