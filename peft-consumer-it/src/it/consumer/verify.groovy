// The consumer's resolved dependencies (dependency:list): the libraries, their logging APIs, and
// nothing the command line or the distribution chooses (docs/architecture.md, issue #14).
def list = new File(basedir, 'target/dependencies.txt').text
def forbidden = ['info.picocli:', 'org.knowm.xchart:', 'org.apache.logging.log4j:log4j-core:',
                 'org.apache.logging.log4j:log4j-slf4j2-impl:', 'ai.djl.pytorch:pytorch-native-',
                 'ai.djl.pytorch:pytorch-jni:', 'com.google.inject:guice:', 'org.peft4j:peft-cli:',
                 'org.peft4j:peft-report:']
def found = forbidden.findAll { list.contains(it) }
assert found.isEmpty() : "peft-eval brings ${found} to a library user:\n${list}"
def required = ['org.peft4j:peft-eval:jar', 'org.peft4j:peft-runtime:jar', 'org.peft4j:peft-api:jar',
                'org.peft4j:peft-methods:jar', 'org.apache.logging.log4j:log4j-api:jar', 'org.slf4j:slf4j-api:jar',
                'ai.djl:api:jar']
def missing = required.findAll { !list.contains(it) }
assert missing.isEmpty() : "expected ${missing} in:\n${list}"
println "consumer of peft-eval resolves ${list.readLines().count { it.trim().contains(':jar:') }} JARs, none of ${forbidden}"
true
