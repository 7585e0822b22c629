package org.peft4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.peft4j.eval.reference.ImportedExperiment;
import org.peft4j.eval.reference.PetlConfigImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peft import-config FILE...}: translates the reference implementation's YAML configurations. */
@Command(name = "import-config", mixinStandardHelpOptions = true,
        description = {"Translate PETL_Vision experiment configurations (experiment/config/*.yml) into a peft4j method, "
                + "its hyperparameters and training settings, printed as 'peft compare' options. Files are merged in "
                + "order (later keys win): usually the defaults file, the lr/wd grid file and a method file.",
                "A key without peft4j equivalent, or a value peft4j cannot honour, is an error naming the file and key."},
        footer = {"", "Examples:", "  peft import-config default_vtab_processed.yml lr_wd_vtab_processed.yml method/lora.yml"})
final class ImportConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec commandSpec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML configuration files, merged in order")
    List<Path> files;

    @Override
    public Integer call() {
        ImportedExperiment e = PetlConfigImport.read(files);
        PrintWriter out = commandSpec.commandLine().getOut();
        out.println("method: " + e.method());
        e.hyperparameters().forEach((k, v) -> out.println("  " + k + " = " + String.join(", ", v)));
        e.settings().forEach((k, v) -> out.println("setting: " + k + " = " + v));
        e.notes().forEach(n -> out.println("not imported: " + n));
        out.println("peft compare " + String.join(" ", e.compareArguments()));
        out.flush();
        return 0;
    }
}
