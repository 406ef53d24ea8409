"""A stand-in for Caffe's generated caffe_pb2 module, reduced to the Datum message.

Debian ships no caffe_pb2, so the Datum class is built at runtime from a FileDescriptorProto with
google.protobuf (the C++ implementation when python3-protobuf has it), exactly as protoc would describe
caffe.proto's message (proto2; float_data is NOT packed, as in Caffe). Code that does
`from caffe_pb2 import Datum` then parses records as a user with pycaffe's caffe_pb2 would.
"""
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

_F = descriptor_pb2.FieldDescriptorProto
_FIELDS = [  # caffe.proto: message Datum
    ("channels", 1, _F.TYPE_INT32, _F.LABEL_OPTIONAL),
    ("height", 2, _F.TYPE_INT32, _F.LABEL_OPTIONAL),
    ("width", 3, _F.TYPE_INT32, _F.LABEL_OPTIONAL),
    ("data", 4, _F.TYPE_BYTES, _F.LABEL_OPTIONAL),
    ("label", 5, _F.TYPE_INT32, _F.LABEL_OPTIONAL),
    ("float_data", 6, _F.TYPE_FLOAT, _F.LABEL_REPEATED),
    ("encoded", 7, _F.TYPE_BOOL, _F.LABEL_OPTIONAL),
]


def _build():
    fdp = descriptor_pb2.FileDescriptorProto(name="caffe_bench.proto", package="caffe", syntax="proto2")
    msg = fdp.message_type.add(name="Datum")
    for name, number, ftype, label in _FIELDS:
        field = msg.field.add(name=name, number=number, type=ftype, label=label)
        if name == "encoded":
            field.default_value = "false"
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fdp)
    desc = pool.FindMessageTypeByName("caffe.Datum")
    if hasattr(message_factory, "GetMessageClass"):  # protobuf >= 4.22
        return message_factory.GetMessageClass(desc)
    return message_factory.MessageFactory(pool).GetPrototype(desc)


Datum = _build()
