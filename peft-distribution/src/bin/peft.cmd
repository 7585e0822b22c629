@echo off
rem peft4j: runs the `peft` command line of this installation, from any working directory, offline,
rem with a bounded heap and fixed threads. Environment: PEFT_XMX (default 6g), PEFT_THREADS (default:
rem number of cores), PEFT_GC, PEFT_JAVA_OPTS, PEFT_LIBTORCH (cpu or a CUDA flavour such as cu128),
rem JAVA_HOME. Plugins: the JARs in this installation's plugins\ folder.
setlocal EnableDelayedExpansion
for %%i in ("%~dp0..") do set "PEFT_HOME=%%~fi"
set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if not defined PEFT_XMX set "PEFT_XMX=6g"
if not defined PEFT_THREADS set "PEFT_THREADS=%NUMBER_OF_PROCESSORS%"
if not defined OMP_NUM_THREADS set "OMP_NUM_THREADS=%PEFT_THREADS%"
if not defined MKL_CBWR set "MKL_CBWR=AUTO,STRICT"
if not defined PEFT_GC set "PEFT_GC=-XX:+UseParallelGC -Xmn32m"
if not defined PEFT_LIBTORCH set "PEFT_LIBTORCH=cpu"
set "PEFT_CP=%PEFT_HOME%\lib\*"
set "PEFT_OFFLINE=true"
if /i not "%PEFT_LIBTORCH%"=="cpu" (
  rem Leave the CPU native JAR out so that DJL looks for the requested flavour instead.
  set "PEFT_CP="
  for %%f in ("%PEFT_HOME%\lib\*.jar") do (
    echo %%~nxf | findstr /b /c:"pytorch-native-cpu" >nul || set "PEFT_CP=!PEFT_CP!;%%~ff"
  )
  set "PEFT_CP=!PEFT_CP:~1!"
  set "PYTORCH_FLAVOR=%PEFT_LIBTORCH%"
  if not defined PYTORCH_VERSION set "PYTORCH_VERSION=2.7.1"
  if not defined PYTORCH_LIBRARY_PATH set "PEFT_OFFLINE=false"
)
"%JAVA_EXE%" -Xmx%PEFT_XMX% %PEFT_GC% -Dai.djl.offline=%PEFT_OFFLINE% ^
  -Dai.djl.pytorch.num_threads=%PEFT_THREADS% -Dai.djl.pytorch.num_interop_threads=1 ^
  "-Dpeft4j.home=%PEFT_HOME%" ^
  "-Dlog4j2.configurationFile=%PEFT_HOME%\conf\log4j2.xml" ^
  %PEFT_JAVA_OPTS% -cp "!PEFT_CP!" org.peft4j.cli.PeftCommand %*
exit /b %ERRORLEVEL%
