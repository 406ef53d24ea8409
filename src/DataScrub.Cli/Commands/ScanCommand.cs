using System.CommandLine;
using DataScrub.Formats;
using DataScrub.Pipeline;
using DataScrub.Reporting;

namespace DataScrub.Cli.Commands;

/// <summary><c>datascrub scan PATH...</c>: check datasets, print a summary, optionally write the JSON report.</summary>
public static class ScanCommand
{
    public static Command Create(CliStreams streams)
    {
        var registry = DatasetFormats.CreateRegistry();
        var paths = new Argument<string[]>("path")
        {
            Description = "Dataset to scan: an LMDB environment (directory or data.mdb), a LevelDB directory, an HDF5 file, folder or source list, or an image folder or listfile. Several may be given.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Dataset format; 'auto' detects it from the path's contents.",
            DefaultValueFactory = _ => FormatRegistry.Auto,
        };
        format.AcceptOnlyFromAmong([FormatRegistry.Auto, .. registry.Names]);
        var json = new Option<string?>("--json")
        {
            Description = "Write the JSON report (schema datascrub-report/1) to FILE, or to stdout with '-'.",
            HelpName = "FILE|-",
        };
        var threads = new Option<int>("--threads", "-j")
        {
            Description = "Worker threads that decode and check records (default: all cores). The report does not depend on it.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--threads must be at least 1");
        });
        var failOn = new Option<FailOn>("--fail-on")
        {
            Description = "Exit with code 1 when a finding of at least this severity exists.",
            DefaultValueFactory = _ => FailOn.Error,
        };
        var maxFindings = new Option<int>("--max-findings")
        {
            Description = "Findings of one kind listed per dataset; more are counted but not listed.",
            DefaultValueFactory = _ => 1000,
        };
        maxFindings.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0) r.AddError("--max-findings must not be negative");
        });
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary and no progress; errors still go to stderr." };
        var data = new Option<string?>("--data")
        {
            Description = "HDF5: the datasets to scan as data, comma-separated (Caffe top names). Default: every root dataset but the label.",
            HelpName = "NAME[,NAME]",
        };
        var maxPixels = new Option<long>("--max-pixels")
        {
            Description = "Images: declared width x height above this is 'image-too-large' and is not decoded (PIL's limit by default).",
            DefaultValueFactory = _ => DataScrub.Checks.Images.ImageInspectionOptions.PilMaxPixels,
        };
        maxPixels.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() < 1) r.AddError("--max-pixels must be at least 1");
        });
        var cropSize = new Option<int>("--crop-size")
        {
            Description = "Images: Caffe's transform_param.crop_size; smaller images are 'smaller-than-crop'. 0 = no check.",
            DefaultValueFactory = _ => 0,
        };
        cropSize.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0) r.AddError("--crop-size must not be negative");
        });
        var root = new Option<string?>("--root")
        {
            Description = "Images: the folder a listfile's relative paths start from (default: the listfile's folder).",
            HelpName = "DIR",
        };
        var label = new Option<string?>("--label")
        {
            Description = "HDF5: the label dataset (class indices or targets). Default: 'label' when present.",
            HelpName = "NAME",
        };

        var numClasses = new Option<long?>("--num-classes", "-K")
        {
            Description = "K, the number of classes (labels outside [0, K) are 'label-out-of-range'). Default: inferred from the class folders, else max label + 1.",
            HelpName = "K",
        };
        numClasses.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 1) r.AddError("--num-classes must be at least 1");
        });
        var batchSizes = new Option<string>("--batch-size", "-b")
        {
            Description = "The training batch size(s), comma-separated (32,64,256): batch-class-miss, class-rare and unshuffled-order use them.",
            DefaultValueFactory = _ => "32",
            HelpName = "B[,B]",
        };
        batchSizes.Validators.Add(r =>
        {
            if (ParseBatchSizes(r.GetValueOrDefault<string>()) is null) r.AddError("--batch-size takes positive integers separated by commas (32,64)");
        });
        var maxMiss = new Option<double>("--max-miss-probability")
        {
            Description = "A shuffled batch may miss a class with at most this probability before 'batch-class-miss'.",
            DefaultValueFactory = _ => 0.001,
            HelpName = "P",
        };
        maxMiss.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (>= 0 and <= 1)) r.AddError("--max-miss-probability must be in [0, 1]");
        });
        var masks = new Option<string?>("--masks")
        {
            Description = "Images: a folder of segmentation masks at the images' relative paths (.png first); empty masks are 'empty-mask'.",
            HelpName = "DIR",
        };
        var meanFile = new Option<string?>("--mean-file")
        {
            Description = "A Caffe mean.binaryproto training subtracts: NaN/Inf in it, and a C x H x W other than the data's, are findings.",
            HelpName = "FILE",
        };
        var writeMean = new Option<string?>("--write-mean")
        {
            Description = "Write the data's mean image as a Caffe mean.binaryproto (as compute_image_mean does).",
            HelpName = "FILE",
        };
        var noDuplicates = new Option<bool>("--no-duplicates") { Description = "Do not look for duplicate samples (saves ~50 bytes per sample of memory)." };

        var command = new Command("scan", "Scan datasets for NaN/Inf values, broken images, records whose shapes lie, and label distributions that make batch losses 0/0.")
        {
            paths, format, json, threads, failOn, maxFindings, quiet, data, label, maxPixels, cropSize, root, numClasses, batchSizes, maxMiss, noDuplicates, meanFile, writeMean, masks,
        };
        command.SetAction(parse => new ScanRunner(streams, registry).Run(new ScanSettings(
            parse.GetValue(paths)!,
            parse.GetValue(format)!,
            parse.GetValue(json),
            parse.GetValue(threads),
            parse.GetValue(failOn),
            parse.GetValue(maxFindings),
            parse.GetValue(quiet),
            parse.GetValue(data)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            parse.GetValue(label),
            parse.GetValue(maxPixels),
            parse.GetValue(cropSize),
            parse.GetValue(root),
            parse.GetValue(numClasses),
            ParseBatchSizes(parse.GetValue(batchSizes))!,
            parse.GetValue(maxMiss),
            !parse.GetValue(noDuplicates),
            parse.GetValue(meanFile),
            parse.GetValue(writeMean),
            parse.GetValue(masks))));
        return command;
    }

    /// <summary>"32,64,256" → [32, 64, 256]; null when any part is not a positive integer.</summary>
    internal static int[]? ParseBatchSizes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
                return null;
        return sizes.Length == 0 ? null : sizes;
    }
}
