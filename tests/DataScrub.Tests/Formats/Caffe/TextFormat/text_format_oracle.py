"""The reference reading of text-format documents, for TextFormatOracleTests.

Usage: python3 text_format_oracle.py DESCRIPTOR_SET CASES_JSON RESULT_JSON

DESCRIPTOR_SET is a FileDescriptorSet of caffe.proto (protoc --descriptor_set_out). CASES_JSON is a list of
{"name", "type" (full message name, e.g. caffe.NetParameter), "text"}. For each case, Python's
google.protobuf.text_format.Parse reads the text into a class built from the descriptors (descriptor_pool and
message_factory, so no generated _pb2 module and no protoc/runtime version match is needed), and RESULT_JSON
gets {"ok": true, "hex": SerializeToString() in hex, "printed": MessageToString()} or {"ok": false, "error"}.
"""
import json
import sys

import google.protobuf
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, text_format
from google.protobuf.internal import api_implementation


def message_class(pool, full_name):
    descriptor = pool.FindMessageTypeByName(full_name)
    if hasattr(message_factory, "GetMessageClass"):  # protobuf >= 4.22
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def main(descriptor_set, cases_path, result_path):
    with open(descriptor_set, "rb") as f:
        files = descriptor_pb2.FileDescriptorSet.FromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:
        pool.AddSerializedFile(file.SerializeToString())
    with open(cases_path, encoding="utf-8") as f:
        cases = json.load(f)
    classes = {}
    results = {}
    for case in cases:
        cls = classes.get(case["type"]) or classes.setdefault(case["type"], message_class(pool, case["type"]))
        message = cls()
        try:
            text_format.Parse(case["text"], message)
        except text_format.ParseError as error:
            results[case["name"]] = {"ok": False, "error": str(error)}
            continue
        results[case["name"]] = {
            "ok": True,
            # Partial: Python's Parse does not check required fields (C++'s does), and a missing one should
            # show as a difference, not stop the batch.
            "hex": message.SerializePartialToString().hex(),
            "printed": text_format.MessageToString(message),
        }
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump({"protobuf": google.protobuf.__version__, "implementation": api_implementation.Type(), "results": results}, f)


if __name__ == "__main__":
    main(*sys.argv[1:4])
