namespace DataScrub.Tests.Shared;

/// <summary>
/// The catalogue of committed fixtures (fixtures/README.md), nested by format like ImageSharp's
/// <c>TestImages</c>. Every entry is a constant path relative to <c>fixtures/</c> with <c>/</c> separators,
/// so it can feed <c>[InlineData]</c> and reads well in a test name; <see cref="Path"/> resolves it.
/// <c>Good</c> holds fixtures a correct scan reports nothing for, <c>Bad</c> those with planted defects.
/// A dataset's expected report is its sidecar, <see cref="Expected"/>. Every dataset under fixtures/
/// must be named here (<c>FixturesTests</c>); a directory marked <see cref="WholeFolderAttribute"/> names
/// every file under it (the files of one store or one folder dataset).
/// </summary>
public static class Fixtures
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The fixtures/ folder itself.</summary>
    public static string Root { get; } = System.IO.Path.Combine(RepositoryRoot, "fixtures");

    /// <summary>The full path of a catalogue entry (or of any path relative to fixtures/).</summary>
    public static string Path(string entry) => System.IO.Path.Combine(Root, entry.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>The entry of the expected report written for <paramref name="entry"/> by its generator:
    /// <c>NAME.expected.json</c> beside it, except where the README places it elsewhere.</summary>
    public static string Expected(string entry) => entry switch
    {
        Images.TrainList => "images/train.expected.json",
        LevelDb.Bad.EncodedMixed => Expected(Lmdb.Bad.EncodedMixed),
        _ => WithoutExtension(entry) + ".expected.json",
    };

    /// <summary>The entry of a LevelDB's live set as plyvel iterates it (<c>NAME.live.json</c>).</summary>
    public static string Live(string entry) => entry + ".live.json";

    private static string WithoutExtension(string entry)
    {
        var slash = entry.LastIndexOf('/');
        var dot = entry.LastIndexOf('.');
        return dot > slash ? entry[..dot] : entry;
    }

    /// <summary>Marks a directory entry whose files all belong to it: the files of one LMDB or LevelDB store,
    /// or the samples of one folder dataset that has no per-file cases of its own.</summary>
    [AttributeUsage(AttributeTargets.Field)]
    public sealed class WholeFolderAttribute : Attribute;

    /// <summary>Caffe LMDB datasets of Datums (make_fixtures.py, make_image_fixtures.py).</summary>
    public static class Lmdb
    {
        public static class Good
        {
            /// <summary>20 clean raw uint8 3x8x8 Datums, labels {0:12, 1:8}; no findings.</summary>
            [WholeFolder] public const string Clean = "lmdb/caffe_clean";
        }

        public static class Bad
        {
            /// <summary>40 records: 25 clean raw 3x8x8 and 6 clean float 3x4x4 Datums plus 9 planted: NaN (#5, #19, #31 on
            /// overflow pages), ±Inf (#12, #19), shape-mismatch (#16 data 190 B, #27 47 floats, #35 no payload), one
            /// unreadable record (#23), ±FLT_MAX (#14, fp16-overflow warning) and an encoded PNG (#9, no finding); 10 findings, 9 of them
            /// errors on 8 records; labels {0:14,1:11,2:9,3:5}.</summary>
            [WholeFolder] public const string Mixed = "lmdb/caffe_mixed";

            /// <summary>12 encoded Datums (JPEG/PNG, labels bird 3, cat 5, dog 4): 2 truncated-image (#3, #10), corrupt-image
            /// (#5 HTML), empty-file (#6), shape-mismatch (#7 height/width swapped), two grayscale (mixed-channels).</summary>
            [WholeFolder] public const string EncodedMixed = "lmdb/encoded_mixed";
        }

        /// <summary>Label-analysis LMDBs (make_label_fixtures.py); the expected file holds the whole analysis.</summary>
        public static class Labels
        {
            /// <summary>600 raw 3x4x4 Datums sorted by class, counts 200/200/150/46/4/0 (class 4 rare, 5 absent with K = 6),
            /// channel 2 constant 77, 3 duplicates (one re-encoded with explicit encoded=false), 2 constant samples and a
            /// same-data-different-label decoy.</summary>
            [WholeFolder] public const string Classes = "labels/lmdb_classes";

            /// <summary>120 float_data 4x1x1 Datums, 3 interleaved classes, feature 1 constant 0.25, 2 fp16 overflows, a
            /// duplicate whose float_data is packed while the original's is not.</summary>
            [WholeFolder] public const string Float = "labels/lmdb_float";
        }
    }

    /// <summary>LevelDB datasets written by real LevelDB through plyvel (make_leveldb_fixtures.py). Never open them with
    /// real LevelDB in place: it rewrites them.</summary>
    public static class LevelDb
    {
        public static class Good
        {
            /// <summary>The 20 caffe_clean records, uncompressed blocks: 3 tables on 2 levels plus a live log, decoys
            /// overwritten and deleted; expected as lmdb/caffe_clean (no findings).</summary>
            [WholeFolder] public const string Uncompressed = "leveldb/uncompressed";
        }

        public static class Bad
        {
            /// <summary>The 40 caffe_mixed records as plyvel left them: snappy tables on L0, L1 and L2, a live
            /// log with a record split over two blocks, overwritten keys, tombstones and NaN decoys (same 10 findings).</summary>
            [WholeFolder] public const string Mixed = "leveldb/caffe_mixed";

            /// <summary>uncompressed with byte 592 of 000007.ldb flipped: data block 0's CRC32C fails, losing exactly the 5 keys
            /// 00000010..00000014; the 15 others read.</summary>
            [WholeFolder] public const string Damaged = "leveldb/damaged";

            /// <summary>The 12 encoded Datums of lmdb/encoded_mixed, half in tables and half in the live log
            /// (make_encoded_leveldb_fixture.py); expected as the LMDB.</summary>
            [WholeFolder] public const string EncodedMixed = "leveldb/encoded_mixed";
        }

        /// <summary>Per DB: every file with its size, table levels and blocks, log fragments, MANIFEST state and every
        /// version of every overwritten or deleted key.</summary>
        public const string Files = "leveldb/files.json";
    }

    /// <summary>Single serialized Datums for wire-compatibility tests (make_fixtures.py); <see cref="Cases"/> gives each
    /// one's values.</summary>
    public static class Datum
    {
        /// <summary>The datum/ folder (the cases resolve their files in it).</summary>
        public const string Directory = "datum";

        /// <summary>One entry per case: file, description, channels/height/width, label, encoded, data hex, float bits.</summary>
        public const string Cases = "datum/cases.json";

        /// <summary>3x2x2 raw data (12 bytes), label 1.</summary>
        public const string RawUint8 = "datum/raw_uint8.bin";

        /// <summary>Caffe's form: 2x2x2 float_data, one tag per float: NaN payload, -0, +Inf, 1e-40, 1.5, negative NaN, -Inf,
        /// FLT_MAX; label 3.</summary>
        public const string FloatUnpacked = "datum/float_unpacked.bin";

        /// <summary>The float_unpacked values as one packed run (field 6 [packed=true]); label 3.</summary>
        public const string FloatPacked = "datum/float_packed.bin";

        /// <summary>1x2x2 data 0708090a, label 7, between unknown fields 99 (varints, one 10 bytes), 100 (string), 101 (fixed32).</summary>
        public const string UnknownFields = "datum/unknown_fields.bin";

        /// <summary>encoded=true, data a 4x4 RGB PNG, channels/height/width absent, label 2.</summary>
        public const string EncodedPng = "datum/encoded_png.bin";

        /// <summary>0 bytes: every field at its default.</summary>
        public const string Empty = "datum/empty.bin";

        /// <summary>label -1 (a 10-byte varint), 1x1x1 data 2a.</summary>
        public const string LabelNegative = "datum/label_negative.bin";

        /// <summary>1x1x5, label 4: 2 unpacked floats then a packed run of 3, merged in order.</summary>
        public const string FloatMixedPacking = "datum/float_mixed_packing.bin";
    }

    /// <summary>HDF5 files and source lists (make_hdf5_fixtures.py), each with NAME.expected.json beside it.</summary>
    public static class Hdf5
    {
        /// <summary>The hdf5/ folder, scanned as a directory of HDF5 files.</summary>
        public const string Folder = "hdf5";

        public static class Good
        {
            /// <summary>data &lt;f4 (6,3,8,8), label |u1 (6,1,8,8) masks of classes 0..2; no findings.</summary>
            public const string Segmentation = "hdf5/segmentation.h5";

            /// <summary>data &lt;f4 (6,48), label &lt;i8 (6,); no findings.</summary>
            public const string RowsFlat = "hdf5/rows_flat.h5";

            /// <summary>data &lt;f4 (5,3,4,4), label &lt;i8 (5,1); no findings.</summary>
            public const string RowsColumn = "hdf5/rows_column.h5";
        }

        public static class Bad
        {
            /// <summary>Contiguous data &lt;f4 (20,3,4,4), label &lt;i8, root attributes: NaN #3, +Inf #7, NaN and ±Inf #12, NaN in
            /// the last element of #19; 5 findings.</summary>
            public const string ContiguousF32 = "hdf5/contiguous_f32.h5";

            /// <summary>data (50,3,4,4) in gzip chunks of 8 rows, the last an edge chunk: NaN #0, 2 NaN #17, -Inf #33, NaN #49 in
            /// the edge chunk.</summary>
            public const string ChunkedGzipF32 = "hdf5/chunked_gzip_f32.h5";

            /// <summary>data (30,2,5,5) through shuffle + gzip 6, label |u1: NaN #29.</summary>
            public const string GzipShuffleF32 = "hdf5/gzip_shuffle_f32.h5";

            /// <summary>data &lt;f8 (15,10), float label row % 5: NaN #2, label NaN #6 (label-nan, unlabelled), +Inf #14.</summary>
            public const string F64 = "hdf5/f64.h5";

            /// <summary>data &lt;f2 (12,3,2,2): NaN #1, ±Inf #4; 65504 (largest half) at #8 is no finding.</summary>
            public const string F16 = "hdf5/f16.h5";

            /// <summary>data &gt;f4 (10,6), label &gt;i8, contiguous big-endian: NaN #5.</summary>
            public const string BigEndianF32 = "hdf5/bigendian_f32.h5";

            /// <summary>data &gt;f8 (12,6) in shuffle + gzip chunks, label &gt;i4 chunked: -Inf #0, NaN #11.</summary>
            public const string BigEndianChunked = "hdf5/bigendian_chunked.h5";

            /// <summary>data &lt;f4 (6,3,8,8), float masks &lt;f4 (6,1,8,8): mask NaN at #2 index 10 (nan in field label).</summary>
            public const string SegmentationFloatMask = "hdf5/segmentation_float_mask.h5";

            /// <summary>data (10,4) but label (9,): file-level shape-mismatch, 10 samples, row 9 unlabelled.</summary>
            public const string MismatchedN = "hdf5/mismatched_n.h5";

            /// <summary>data in lzf chunks (filter 32000): unsupported-filter; label still scanned, 10 samples.</summary>
            public const string Lzf = "hdf5/lzf.h5";

            /// <summary>data &lt;f4 (5,3) beside a vlen-string and a compound dataset: unsupported-type; no label.</summary>
            public const string Strings = "hdf5/strings.h5";

            /// <summary>Only a vlen-string and a compound dataset: unsupported-type and no-readable-dataset; 0 samples.</summary>
            public const string StringsOnly = "hdf5/strings_only.h5";

            /// <summary>a (4,4) with NaN at #0 before the longer b (8,4): nan in a only, shape-mismatch, 8 samples.</summary>
            public const string ShorterFirst = "hdf5/shorter_first.h5";

            /// <summary>data (2^31,4,16,16) chunked, nothing written: unwritten-rows; 0 samples of 2147483648.</summary>
            public const string NeverWritten = "hdf5/never_written.h5";

            /// <summary>data (300,8) gzip chunks, only rows 0..63 and 160..191 written, NaN #170: unwritten-rows [64,160) and
            /// [192,300); 300 samples.</summary>
            public const string PartlyWritten = "hdf5/partly_written.h5";

            /// <summary>Contiguous data (10,3) never written (no storage): unwritten-rows [0,10); 10 samples.</summary>
            public const string ContiguousUnallocated = "hdf5/contiguous_unallocated.h5";

            /// <summary>Groups, a soft link and an external link to a missing file, no root dataset: no-readable-dataset.</summary>
            public const string GroupsOnly = "hdf5/groups_only.h5";

            /// <summary>1,024-byte user block before the superblock; data (8,5) NaN #7.</summary>
            public const string Userblock1024 = "hdf5/userblock_1024.h5";

            /// <summary>data &lt;f4 (6,2) clean, a big-endian bitfield flags and an enum label {cat, dog, bird}: unsupported-type
            /// naming flags and label; labels 2/2/2.</summary>
            public const string EnumBitfield = "hdf5/enum_bitfield.h5";

            /// <summary>lzf chunks of which rows 32..63 were stored raw (filter mask 1), NaN #40: unsupported-filter for rows
            /// [0,32); 64 samples.</summary>
            public const string OptionalFilter = "hdf5/optional_filter.h5";

            /// <summary>libver latest: extensible-array data NaN #13, v2 B-tree grid +Inf #19, big-endian extensible label:
            /// unsupported-type naming label.</summary>
            public const string ResizableLatest = "hdf5/resizable_latest.h5";

            /// <summary>Rebuild refusal (make_rebuild_fixtures.py): data &gt;f4 (20,3) in chunks of (5,3), label row % 3; PureHDF
            /// cannot convert chunked big-endian data, so data is unsupported-type (warning) and rebuild refuses.</summary>
            public const string BigEndianChunkedNoRebuild = "rebuild/bigendian_chunked.h5";
        }

        /// <summary>Caffe HDF5Data source lists, entries relative to the list's folder.</summary>
        public static class Lists
        {
            /// <summary>contiguous_f32.h5, chunked_gzip_f32.h5 and missing_part.h5: 5 + 4 row findings then missing-file; 70 samples.</summary>
            public const string Mixed = "hdf5/list.txt";

            /// <summary>contiguous_f32.h5 then gzip_shuffle_f32.h5 with other trailing dims: 5 + 1 findings, shape-mismatch; 50 samples.</summary>
            public const string TrailingMismatch = "hdf5/list_trailing_mismatch.txt";

            /// <summary>rows_flat, rows_column and contiguous_f32: 48 values per row spelled as different shapes, no
            /// shape-mismatch; only contiguous_f32's 5 findings.</summary>
            public const string LabelSpelling = "hdf5/list_label_spelling.txt";

            /// <summary>contiguous_f32.h5 listed twice around rows_flat.h5: repeated-entry for contiguous_f32.h5@2 and its rows
            /// named @2#ROW; 46 samples.</summary>
            public const string Repeated = "hdf5/list_repeated.txt";

            /// <summary>In lists/: ../contiguous_f32.h5, resolved against the list's folder; its 5 findings; 20 samples.</summary>
            public const string Nested = "hdf5/lists/list_nested.txt";
        }

        /// <summary>Label-analysis HDF5 files (make_label_fixtures.py); the expected file holds the whole analysis.</summary>
        public static class Labels
        {
            /// <summary>data (50,2,8,8), uint8 masks (50,8,8): 7 empty masks, a constant sample, 2 duplicates.</summary>
            public const string Masks = "labels/hdf5_masks.h5";

            /// <summary>data (40,3), float labels with NaN, +Inf, 1.5, 2.25, 7.0 (out of range with K = 4) and -1.</summary>
            public const string FloatLabels = "labels/hdf5_float_labels.h5";

            /// <summary>data (300,3,4,4), int64 labels 120/100/60/17/3/0 shuffled (class 4 rare, 5 absent with K = 6), channel 1
            /// constant 0.5, 2 duplicates.</summary>
            public const string Classes = "labels/hdf5_classes.h5";

            /// <summary>data (120,2,3), 3 balanced classes stored sorted: unshuffled-order at batch sizes 8 and 32, not 64.</summary>
            public const string Sorted = "labels/hdf5_sorted.h5";
        }

        /// <summary>Files found by mutating the fixtures, not regenerated by any script (Hdf5DamagedFileTests).</summary>
        public static class Damaged
        {
            /// <summary>shorter_first.h5 with a dataspace declaring rows of 4,261,412,868 values (the row size overflowed).</summary>
            public const string RowOf4GValues = "hdf5/damaged/row_of_4g_values.h5";

            /// <summary>jhdf's implicit_index_datasets.hdf5 whose implicit chunk index addresses about 10^18 bytes of chunks.</summary>
            public const string ImplicitIndexPastEof = "hdf5/damaged/implicit_index_past_eof.h5";
        }

        /// <summary>Public test files copied unchanged (MIT); <see cref="Catalogue"/> gives each one's source and verdict.</summary>
        public static class Public
        {
            /// <summary>Per file: source repository, path and commit, licence, what it exercises, DataScrub's verdict, h5py's view.</summary>
            public const string Catalogue = "hdf5/public/catalogue.json";

            /// <summary>From jamesmudd/jhdf.</summary>
            public static class Jhdf
            {
                /// <summary>HDF5 1.4: contiguous big-endian int32 (10x20) and float64 (30x20): shape-mismatch.</summary>
                public const string V14Test1 = "hdf5/public/jhdf/hdf_v14_test1.hdf5";

                /// <summary>HDF5 1.4: the same in chunks (v1 B-tree): shape-mismatch.</summary>
                public const string V14Test2 = "hdf5/public/jhdf/hdf_v14_test2.hdf5";

                /// <summary>512-byte user block before a v0 superblock, empty root: no-readable-dataset.</summary>
                public const string UserblockEarliest = "hdf5/public/jhdf/test_userblock_earliest.hdf5";

                /// <summary>1,024-byte user block before a v3 superblock, empty root: no-readable-dataset.</summary>
                public const string UserblockLatest = "hdf5/public/jhdf/test_userblock_latest.hdf5";

                /// <summary>Enumerations over uint8..64: shape-mismatch and 8 unsupported-type.</summary>
                public const string EnumDatasets = "hdf5/public/jhdf/test_enum_datasets_earliest.hdf5";

                /// <summary>PyTables 8-bit bitfields (contiguous, chunked, fletcher32+shuffle+deflate, scalar): shape-mismatch, 5
                /// unsupported-type.</summary>
                public const string BitfieldDatasets = "hdf5/public/jhdf/bitfield_datasets.hdf5";

                /// <summary>Fill values in groups and one root dataset without: clean, 2 samples.</summary>
                public const string FillValue = "hdf5/public/jhdf/test_fill_value_earliest.hdf5";

                /// <summary>Implicit chunk index with edge chunks: shape-mismatch, 20 samples.</summary>
                public const string ImplicitIndex = "hdf5/public/jhdf/implicit_index_datasets.hdf5";

                /// <summary>Every layout-version-4 chunk index (single chunk, fixed array, extensible array, version-2 B-tree),
                /// unfiltered and deflated, in groups: no-readable-dataset; Hdf5ChunkIndexTests reads the groups' datasets.</summary>
                public const string ChunkedV4 = "hdf5/public/jhdf/chunked_v4_datasets.hdf5";

                /// <summary>Fixed and vlen strings only: 5 unsupported-type, no-readable-dataset.</summary>
                public const string StringDatasets = "hdf5/public/jhdf/test_string_datasets_earliest.hdf5";

                /// <summary>Compound datasets only (nested, vlen and array members): 10 unsupported-type, no-readable-dataset.</summary>
                public const string CompoundDatasets = "hdf5/public/jhdf/compound_datasets_latest.hdf5";

                /// <summary>Groups only (compact datasets inside them): no-readable-dataset.</summary>
                public const string CompactDatasets = "hdf5/public/jhdf/test_compact_datasets_earliest.hdf5";

                /// <summary>External links to a missing file only: no-readable-dataset.</summary>
                public const string ExternalLink = "hdf5/public/jhdf/external_link.hdf5";

                /// <summary>A root dataset, a soft link to it and a group: clean, 5 samples.</summary>
                public const string Attribute = "hdf5/public/jhdf/test_attribute_earliest.hdf5";

                /// <summary>+Inf, -Inf, NaN, ±0 in float16/32/64: 3 nan, 6 inf.</summary>
                public const string FloatSpecialValues = "hdf5/public/jhdf/float_special_values_earliest.hdf5";

                /// <summary>szip chunks (filter 4): unsupported-filter, 0 of 7 samples.</summary>
                public const string MissingFilter = "hdf5/public/jhdf/test_missing_filter.hdf5bad";

                /// <summary>Scalar and dataspace-less datasets of every numeric type: 22 unsupported-type, no-readable-dataset.</summary>
                public const string ScalarEmpty = "hdf5/public/jhdf/test_scalar_empty_datasets_earliest.hdf5";

                /// <summary>v2 superblock with a superblock extension, contiguous and chunked float64: clean, 10 samples.</summary>
                public const string SuperblockExtension = "hdf5/public/jhdf/superblock-extension.hdf5";

                /// <summary>10 chunked float64 whose maximum dimension is 10^11: clean.</summary>
                public const string MaxDimension100B = "hdf5/public/jhdf/100B_max_dimension_size.hdf5";

                /// <summary>21 float32 in a libver-latest file (v3 superblock): clean.</summary>
                public const string FileExt = "hdf5/public/jhdf/test_file_ext.hdf5";

                /// <summary>v3 superblock still flagged open for writing, groups only: no-readable-dataset.</summary>
                public const string ByteshuffleOpenForWrite = "hdf5/public/jhdf/test_byteshuffle_compressed_datasets_latest.hdf5";
            }

            /// <summary>From Apollo3zehn/PureHDF.</summary>
            public static class PureHdf
            {
                /// <summary>The HDF Group's h5ex_d_compact: compact 4x7 int32 at the root, 4 samples.</summary>
                public const string CompactExample = "hdf5/public/purehdf/h5ex_d_compact.h5";

                /// <summary>MATLAB v7.3 .mat: 512-byte user block, compact 1201x1 float64: clean.</summary>
                public const string SineCompactMat = "hdf5/public/purehdf/sine_compact.mat";

                /// <summary>1,000 int32 in lzf chunks: unsupported-filter, 0 of 1000 samples.</summary>
                public const string Lzf = "hdf5/public/purehdf/lzf.h5";
            }

            /// <summary>From Unidata/netcdf4-python.</summary>
            public static class NetCdf4Python
            {
                /// <summary>netCDF-4: int32 v, its coordinate x, a big-endian float32 dimension scale never written: unwritten-rows.</summary>
                public const string Issue1152 = "hdf5/public/netcdf4-python/issue1152.nc";
            }
        }
    }

    /// <summary>Image folders and listfiles (make_image_fixtures.py); every file's PIL verdict is in <see cref="Manifest"/>.</summary>
    /// <summary>Caffe solver and net definitions (fixtures/prototxt/README.md): BVLC's own, real-world-shaped nets
    /// whose sources are these fixtures, and one broken copy per lint finding.</summary>
    public static class Prototxt
    {
        [WholeFolder] public const string Bvlc = "prototxt/bvlc";
        [WholeFolder] public const string Lenet = "prototxt/lenet";
        [WholeFolder] public const string Cifar10Quick = "prototxt/cifar10_quick";
        [WholeFolder] public const string Fcn = "prototxt/fcn";
        [WholeFolder] public const string Legacy = "prototxt/legacy";
        [WholeFolder] public const string Broken = "prototxt/broken";
    }

    public static class Images
    {
        /// <summary>The images/ folder (every image fixture but the masks).</summary>
        public const string Folder = "images";

        /// <summary>Class-per-folder tree (bird 0, cat 1, dog 2): 34 samples, 12 with errors, 5 warnings, 2 ignored files,
        /// mixed-channels (2 grayscale of 22).</summary>
        public const string Tree = "images/tree";

        /// <summary>Caffe listfile in tree/, 19 lines: 11 valid, 5 defect files, 1 missing file, 1 non-integer label ('abc'),
        /// 1 path escaping the root; expected in images/train.expected.json.</summary>
        public const string TrainList = "images/tree/train.txt";

        /// <summary>5 valid images without labels: a.jpg 48x36, b.png 40x30, c.jpg 64x48, d.bmp 32x24, e.gif 32x24.</summary>
        [WholeFolder] public const string Flat = "images/flat";

        /// <summary>Every file and record: bytes, description, expected kinds, PIL load and verify, header size, end marker,
        /// trailing bytes, bad CRCs.</summary>
        public const string Manifest = "images/manifest.json";

        /// <summary>Public codec test images (PngSuite, image-png, libpng, bmpsuite, Pillow, libtiff, libwebp): 458 files,
        /// their sources and licences in CATALOGUE.md, PIL's verdict on each in verdicts.json (PublicImageCorpusTests).</summary>
        [WholeFolder] public const string Public = "images/public";

        /// <summary>Damage cases the public corpora lack (metadata bombs, GIF data cut short, stray GIF bytes, JPEG comment of
        /// length 0, unusual JPEG sampling), made by make_image_damage_cases.py, PIL's verdicts in verdicts.json.</summary>
        [WholeFolder] public const string Damage = "images/damage";

        /// <summary>Where DataScrub's verdict on a corpus file differs from PIL's, and why (PublicImageCorpusTests).</summary>
        public const string VerdictDifferences = "images/verdict_differences.json";

        /// <summary>bmpsuite's own description of each BMP, input to make_public_image_catalogue.py for CATALOGUE.md.</summary>
        public const string BmpsuiteNotes = "bmpsuite_notes.json";

        /// <summary>PIL's verdict on each damaged copy of the JPEGs (JpegDecoderAgreementTests).</summary>
        public const string JpegDamageExpected = "images/jpeg_damage.expected.json";

        /// <summary>TIFFs of every layout the libtiff decoder handles, damaged TIFFs, and PIL's verdict on one-byte damage
        /// inside compressed strips (make_tiff_fixtures.py; each file and what PIL says about it in its README.md).</summary>
        [WholeFolder] public const string Tiff = "images/tiff";

        /// <summary>The giflib decoder's files (fixtures/make_gif_webp_fixtures.py; each file and Pillow's verdict in its
        /// README.md): plain, interlaced, local palettes, animated, stray bytes, cut, no data, LZW code sizes 9 and 13.</summary>
        [WholeFolder] public const string GifDecoding = "images/gif";

        /// <summary>The libwebp decoder's files (same script and README): lossy, lossless, alpha, animated, cut, XOR-ed.</summary>
        [WholeFolder] public const string WebPDecoding = "images/webp";

        public static class Good
        {
            /// <summary>Baseline JPEG 48x36 RGB q90.</summary>
            public const string Bird000Jpeg = "images/tree/bird/bird_000.jpg";

            /// <summary>PNG RGBA 40x30 (alpha gradient).</summary>
            public const string Bird001PngRgba = "images/tree/bird/bird_001.png";

            /// <summary>GIF 32x24, 32-colour palette.</summary>
            public const string Bird002Gif = "images/tree/bird/bird_002.gif";

            /// <summary>WebP (lossy VP8) 48x36.</summary>
            public const string Bird003Webp = "images/tree/bird/bird_003.webp";

            /// <summary>PGM (P5) grayscale 32x24: one of the two grayscale samples.</summary>
            public const string Bird004Pgm = "images/tree/bird/bird_004.pgm";

            /// <summary>PNG mode L 48x36 among colour images: the other grayscale sample.</summary>
            public const string GrayPng = "images/tree/bird/gray.png";

            /// <summary>Baseline JPEG 64x48 q90, source of the cut, no-EOI and trailing JPEGs.</summary>
            public const string Cat000Jpeg = "images/tree/cat/cat_000.jpg";

            /// <summary>Baseline JPEG 48x36 with upper-case extension .JPG.</summary>
            public const string Cat001UpperJpg = "images/tree/cat/cat_001.JPG";

            /// <summary>PNG RGB 40x30 with mixed-case extension .Png.</summary>
            public const string Cat002MixedCasePng = "images/tree/cat/cat_002.Png";

            /// <summary>BMP 24-bit 32x24.</summary>
            public const string Cat003Bmp = "images/tree/cat/cat_003.bmp";

            /// <summary>Progressive JPEG 64x48 (SOF2).</summary>
            public const string ProgressiveJpeg = "images/tree/cat/progressive.jpg";

            /// <summary>Valid JPEG 32x24, listed in train.txt with the label 'abc'.</summary>
            public const string XJpeg = "images/tree/cat/x.jpg";

            /// <summary>Baseline JPEG 56x42.</summary>
            public const string Dog000Jpeg = "images/tree/dog/dog_000.jpg";

            /// <summary>PNG RGB 64x48, source of the damaged PNGs.</summary>
            public const string Dog001Png = "images/tree/dog/dog_001.png";

            /// <summary>PNG palette (mode P, 32 colours) 48x36.</summary>
            public const string Dog002PalettePng = "images/tree/dog/dog_002.png";

            /// <summary>PPM (P6) 32x24.</summary>
            public const string Dog003Ppm = "images/tree/dog/dog_003.ppm";

            /// <summary>Baseline JPEG 40x30 with extension .jpeg.</summary>
            public const string Dog004Jpeg = "images/tree/dog/dog_004.jpeg";
        }

        /// <summary>Damaged images, named after the defect; the expected kind and severity in each comment.</summary>
        public static class Bad
        {
            /// <summary>0 bytes: empty-file (error).</summary>
            public const string Empty = "images/tree/bird/empty.jpg";

            /// <summary>An nginx 404 HTML page saved as .jpg: corrupt-image (error).</summary>
            public const string Html = "images/tree/bird/html.jpg";

            /// <summary>8x8 PNG whose IHDR says 20000x20000 (CRC fixed): image-too-large (error).</summary>
            public const string HugeHeader = "images/tree/bird/huge_header.png";

            /// <summary>GIF without its 0x3B trailer, pixels complete: missing-end-marker (warning).</summary>
            public const string GifNoTrailer = "images/tree/bird/no_trailer.gif";

            /// <summary>1500 random bytes named .png: corrupt-image (error).</summary>
            public const string RandomBytes = "images/tree/bird/random.png";

            /// <summary>cat_000.jpg cut at 50% (byte 832, in entropy-coded data): truncated-image (error).</summary>
            public const string JpegCut50 = "images/tree/cat/cut50.jpg";

            /// <summary>cat_000.jpg cut at 60% (byte 999, in entropy-coded data): truncated-image (error).</summary>
            public const string JpegCut60 = "images/tree/cat/cut60.jpg";

            /// <summary>cat_000.jpg cut at byte 100, inside a header segment before SOS: truncated-image (error).</summary>
            public const string JpegCutHeader = "images/tree/cat/cut_header.jpg";

            /// <summary>cat_000.jpg without its final EOI (pixels complete, PIL still fails): truncated-image (error).</summary>
            public const string JpegNoEoi = "images/tree/cat/no_eoi.jpg";

            /// <summary>progressive.jpg cut at 50% (byte 744, after the first scan): truncated-image (error).</summary>
            public const string ProgressiveCut50 = "images/tree/cat/progressive_cut50.jpg";

            /// <summary>cat_000.jpg + 100 random bytes after EOI: trailing-data (warning).</summary>
            public const string JpegTrailing = "images/tree/cat/trailing.jpg";

            /// <summary>dog_001.png without IEND, pixels complete: missing-end-marker (warning).</summary>
            public const string PngNoIend = "images/tree/dog/no_iend.png";

            /// <summary>dog_001.png with IDAT byte 3154 inverted (CRC mismatch, broken deflate): corrupt-image (error).</summary>
            public const string PngCrc = "images/tree/dog/png_crc.png";

            /// <summary>dog_001.png cut at 50% (byte 3141, inside IDAT): truncated-image (error).</summary>
            public const string PngCut50 = "images/tree/dog/png_cut50.png";

            /// <summary>dog_001.png cut at 90% (byte 5654, inside IDAT): truncated-image (error).</summary>
            public const string PngCut90 = "images/tree/dog/png_cut90.png";

            /// <summary>A valid PNG 40x30 with a .jpg extension: format-mismatch (warning).</summary>
            public const string PngNamedJpg = "images/tree/dog/png_named.jpg";

            /// <summary>dog_001.png + 64 random bytes after IEND: trailing-data (warning).</summary>
            public const string PngTrailing = "images/tree/dog/trailing.png";
        }

        /// <summary>Files in the tree a scan must not count as samples.</summary>
        public static class Ignored
        {
            /// <summary>A valid JPEG, hidden (dot file).</summary>
            public const string Hidden = "images/tree/cat/.hidden.jpg";

            /// <summary>A text file: not an image extension.</summary>
            public const string Notes = "images/tree/dog/notes.txt";
        }
    }

    /// <summary>Segmentation masks at the same relative paths as their images (make_mask_fixtures.py).</summary>
    public static class Masks
    {
        /// <summary>12 JPEGs in class folders a/ and b/.</summary>
        [WholeFolder] public const string Images = "masks/images";

        /// <summary>11 masks for the 12 images: VOC-style palette PNGs, 3 empty (a/002 and b/008 palette, b/010 grayscale),
        /// a/004 missing, b/011 cut inside IHDR.</summary>
        [WholeFolder] public const string Folder = "masks/masks";

        /// <summary>The findings of scan images --masks masks: 3 empty-mask, missing-file, truncated-image; masks 10, emptyMasks 3.</summary>
        public const string Expected = "masks/expected.json";

        public static class Good
        {
            /// <summary>16x16 palette mask of background 0 and class 1.</summary>
            public const string Palette = "masks/masks/a/000.png";
        }

        public static class Bad
        {
            /// <summary>Palette mask whose every pixel is index 0: empty-mask.</summary>
            public const string EmptyPalette = "masks/masks/a/002.png";

            /// <summary>Another all-index-0 palette mask: empty-mask.</summary>
            public const string EmptyPalette2 = "masks/masks/b/008.png";

            /// <summary>Grayscale (L) mask of zeros: empty-mask.</summary>
            public const string EmptyGray = "masks/masks/b/010.png";

            /// <summary>An image whose mask is absent: missing-file (field mask).</summary>
            public const string ImageWithoutMask = "masks/images/a/004.jpg";

            /// <summary>Mask cut to 20 bytes, inside IHDR: truncated-image (field mask).</summary>
            public const string CutInIhdr = "masks/masks/b/011.png";
        }

        /// <summary>PASCAL VOC-style masks (make_voc_mask_fixtures.py), scanned with --num-classes 21 --ignore-label 255.</summary>
        public static class Voc
        {
            /// <summary>10 RGB PNGs in a flat folder.</summary>
            [WholeFolder] public const string Images = "masks_voc/images";

            /// <summary>10 masks with VOC's colour map, classes 0..20 and a 255 border; 007 a 4-bit palette, 008 grayscale.</summary>
            [WholeFolder] public const string Folder = "masks_voc/masks";

            /// <summary>Per mask what PIL reads (mode, out-of-range count and first index, empty) and the findings.</summary>
            public const string Expected = "masks_voc/expected.json";

            public static class Good
            {
                /// <summary>4-bit palette mask, classes 0..7, no border.</summary>
                public const string FourBitPalette = "masks_voc/masks/007.png";
            }

            public static class Bad
            {
                /// <summary>A class-21 blob: label-out-of-range, 12 pixels, first at 290.</summary>
                public const string Class21 = "masks_voc/masks/003.png";

                /// <summary>Only background and border: empty-mask (480 pixels).</summary>
                public const string OnlyBackground = "masks_voc/masks/005.png";

                /// <summary>Grayscale mask with a class-22 blob: label-out-of-range, 4 pixels, first at 25.</summary>
                public const string GrayClass22 = "masks_voc/masks/008.png";
            }
        }
    }

    /// <summary>Caffe BlobProto mean files (make_mean_fixtures.py); <see cref="Expected"/> holds every value's bits.</summary>
    public static class Mean
    {
        /// <summary>Every value's bits of every mean file.</summary>
        public const string Expected = "mean/mean.expected.json";

        public static class Good
        {
            /// <summary>What compute_image_mean writes for labels/lmdb_classes (float32 sums in record order / count).</summary>
            public const string LmdbClasses = "mean/lmdb_classes.mean.binaryproto";

            /// <summary>The same values in the newer shape layout.</summary>
            public const string ShapeField = "mean/shape_field.mean.binaryproto";
        }

        public static class Bad
        {
            /// <summary>lmdb_classes' mean with NaN at 5 and +Inf at 20.</summary>
            public const string Nan = "mean/nan.mean.binaryproto";

            /// <summary>3x5x5 (75 values), not the dataset's 3x4x4.</summary>
            public const string WrongShape = "mean/wrong_shape.mean.binaryproto";
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DataScrub.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"DataScrub.sln not found above {AppContext.BaseDirectory}");
    }
}
