using DataScrub.Samples;

namespace DataScrub.Checks;

/// <summary>
/// The per-sample checks of a scan, in the order their findings appear within a sample, made for each dataset once
/// its reader is open: some depend on what the dataset says of itself (class folders give the number of classes the
/// label check bounds labels with). Core names no standard set: the caller passes one (DataScrub.Images'
/// <c>StandardChecks</c>, which sees every check, image checks included).
/// </summary>
public delegate IReadOnlyList<ICheck> CheckSet(DatasetInfo dataset);
